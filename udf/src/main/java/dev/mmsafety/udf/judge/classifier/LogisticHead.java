package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Logistic regression on standardised features, with Platt calibration: {@code z = w . (x - mean) / scale + b},
 * {@code p = sigmoid(plattA * z + plattB)}. Trained by full-batch gradient descent with momentum from zero, L2 and
 * balanced class weights, a fixed number of epochs and no randomness, so the same rows give the same head.
 * Platt's two parameters are fitted by Newton's method on a separate (validation) set.
 */
public record LogisticHead(
    double[] mean, double[] scale, double[] weights, double bias, double plattA, double plattB, double l2, int epochs)
    implements Head {
  public static final int EPOCHS_DEFAULT = 300;
  public static final double LEARNING_RATE = 0.5;
  public static final double MOMENTUM = 0.9;

  @Override
  public double logit(double[] x) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * (x[i] - mean[i]) / scale[i];
    }
    return z;
  }

  @Override
  public double[] contributions(double[] x) {
    double[] c = new double[weights.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = weights[i] * (x[i] - mean[i]) / scale[i];
    }
    return c;
  }

  @Override
  public int dimension() {
    return weights.length;
  }

  /** Fits the head on {@code xs} with targets {@code ys}, uncalibrated (plattA 1, plattB 0). */
  public static LogisticHead train(List<double[]> xs, List<Boolean> ys, double l2, int epochs) {
    int n = xs.size();
    int d = xs.get(0).length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] x : xs) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[j] / n;
      }
    }
    for (double[] x : xs) {
      for (int j = 0; j < d; j++) {
        scale[j] += (x[j] - mean[j]) * (x[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.sqrt(scale[j]) < 1e-6 ? 1 : Math.sqrt(scale[j]);
    }
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (xs.get(i)[j] - mean[j]) / scale[j];
      }
    }
    long positives = ys.stream().filter(y -> y).count();
    double wPos = n / (2.0 * Math.max(1, positives));
    double wNeg = n / (2.0 * Math.max(1, n - positives));
    double[] w = new double[d];
    double[] vw = new double[d];
    double b = 0;
    double vb = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double[] grad = new double[d];
      double gradB = 0;
      for (int i = 0; i < n; i++) {
        double s = b;
        double[] zi = z[i];
        for (int j = 0; j < d; j++) {
          s += w[j] * zi[j];
        }
        boolean y = ys.get(i);
        double err = (sigmoid(s) - (y ? 1 : 0)) * (y ? wPos : wNeg) / n;
        for (int j = 0; j < d; j++) {
          grad[j] += err * zi[j];
        }
        gradB += err;
      }
      for (int j = 0; j < d; j++) {
        vw[j] = MOMENTUM * vw[j] - LEARNING_RATE * (grad[j] + l2 * w[j]);
        w[j] += vw[j];
      }
      vb = MOMENTUM * vb - LEARNING_RATE * gradB;
      b += vb;
    }
    return new LogisticHead(mean, scale, w, b, 1, 0, l2, epochs);
  }

  /** This head with Platt's parameters fitted to {@code xs}, {@code ys} (a set the head was not trained on). */
  public LogisticHead calibrated(List<double[]> xs, List<Boolean> ys) {
    double[] platt = platt(xs.stream().mapToDouble(this::logit).toArray(), ys);
    return withPlatt(platt[0], platt[1]);
  }

  @Override
  public LogisticHead withPlatt(double a, double b) {
    return new LogisticHead(mean, scale, weights, bias, a, b, l2, epochs);
  }

  /**
   * Platt's parameters {a, b} fitted to logits {@code zs} of rows the head was not trained on (e.g. out-of-fold
   * logits of cross-validation), so that sigmoid(a z + b) matches the observed share of {@code ys}.
   */
  public static double[] platt(double[] zs, List<Boolean> ys) {
    double a = 1;
    double c = 0;
    // Platt's smoothed targets keep the fit finite when the validation set is separable.
    long pos = ys.stream().filter(y -> y).count();
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (ys.size() - pos + 2.0);
    for (int iter = 0; iter < 100; iter++) {
      double ga = 0;
      double gc = 0;
      double haa = 1e-9;
      double hac = 0;
      double hcc = 1e-9;
      for (int i = 0; i < zs.length; i++) {
        double p = sigmoid(a * zs[i] + c);
        double t = ys.get(i) ? hi : lo;
        ga += (p - t) * zs[i];
        gc += p - t;
        double v = p * (1 - p);
        haa += v * zs[i] * zs[i];
        hac += v * zs[i];
        hcc += v;
      }
      double det = haa * hcc - hac * hac;
      double da = (hcc * ga - hac * gc) / det;
      double dc = (haa * gc - hac * ga) / det;
      a -= da;
      c -= dc;
      if (Math.abs(da) + Math.abs(dc) < 1e-10) {
        break;
      }
    }
    return new double[] {a, c};
  }

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  @Override
  public ObjectNode toJson() {
    ObjectNode node = HeadJson.open(Learner.LOGISTIC, l2);
    node.put("epochs", epochs);
    node.put("bias", HeadJson.round(bias));
    HeadJson.putPlatt(node, plattA, plattB);
    HeadJson.putDoubles(node.putArray("mean"), mean);
    HeadJson.putDoubles(node.putArray("scale"), scale);
    HeadJson.putDoubles(node.putArray("weights"), weights);
    return node;
  }

  static LogisticHead fromJson(JsonNode node) {
    return new LogisticHead(HeadJson.doubles(node.get("mean")), HeadJson.doubles(node.get("scale")),
        HeadJson.doubles(node.get("weights")), node.get("bias").asDouble(), node.get("platt_a").asDouble(),
        node.get("platt_b").asDouble(), node.get("l2").asDouble(), node.get("epochs").asInt());
  }
}
