package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Logistic regression on sentence embeddings: p(refused) = sigmoid(w.x + b). Trained by full-batch gradient
 * descent from zero with L2, a fixed number of epochs and no randomness, so retraining on the same embeddings gives
 * the same weights.
 */
public record LogisticHead(String encoder, double[] weights, double bias, String trainedOn, int epochs, double l2,
    double learningRate) {
  public static final String RESOURCE = "/mmsafety/judges/refusal-head.json";
  public static final int EPOCHS_DEFAULT = 3000;
  public static final double L2_DEFAULT = 1e-3;
  public static final double LEARNING_RATE_DEFAULT = 2.0;

  public double probability(float[] x) {
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * x[i];
    }
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** Trains on embeddings {@code xs} with targets {@code ys} (true = refused). Classes are weighted to balance. */
  public static LogisticHead train(
      List<float[]> xs, List<Boolean> ys, String encoder, String trainedOn, int epochs, double l2, double rate) {
    int n = xs.size();
    int d = xs.get(0).length;
    long positives = ys.stream().filter(y -> y).count();
    double wPos = n / (2.0 * positives);
    double wNeg = n / (2.0 * (n - positives));
    double[] w = new double[d];
    double b = 0;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double[] grad = new double[d];
      double gradB = 0;
      for (int i = 0; i < n; i++) {
        float[] x = xs.get(i);
        double z = b;
        for (int j = 0; j < d; j++) {
          z += w[j] * x[j];
        }
        double p = 1.0 / (1.0 + Math.exp(-z));
        boolean y = ys.get(i);
        double err = (p - (y ? 1 : 0)) * (y ? wPos : wNeg);
        for (int j = 0; j < d; j++) {
          grad[j] += err * x[j];
        }
        gradB += err;
      }
      for (int j = 0; j < d; j++) {
        w[j] -= rate * (grad[j] / n + l2 * w[j]);
      }
      b -= rate * gradB / n;
    }
    return new LogisticHead(encoder, w, b, trainedOn, epochs, l2, rate);
  }

  public String hash() {
    return Hashing.sha256Hex(toJson());
  }

  public String toJson() {
    ObjectNode node = CanonicalJson.mapper().createObjectNode();
    node.put("encoder", encoder);
    node.put("trained_on", trainedOn);
    node.put("epochs", epochs);
    node.put("l2", l2);
    node.put("learning_rate", learningRate);
    node.put("bias", round(bias));
    ArrayNode ws = node.putArray("weights");
    for (double v : weights) {
      ws.add(round(v));
    }
    return node.toPrettyString();
  }

  /** Eight significant decimals: enough for identical decisions, stable text across retraining. */
  private static double round(double v) {
    return Math.round(v * 1e8) / 1e8;
  }

  public static LogisticHead fromJson(String json) {
    try {
      JsonNode node = CanonicalJson.mapper().readTree(json);
      double[] w = new double[node.get("weights").size()];
      for (int i = 0; i < w.length; i++) {
        w[i] = node.get("weights").get(i).asDouble();
      }
      return new LogisticHead(
          node.get("encoder").asText(), w, node.get("bias").asDouble(), node.get("trained_on").asText(),
          node.get("epochs").asInt(), node.get("l2").asDouble(), node.get("learning_rate").asDouble());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read classifier head: " + e.getMessage(), e);
    }
  }

  public static LogisticHead shipped() {
    try (InputStream in = LogisticHead.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load classifier head: resource " + RESOURCE + " missing");
      }
      return fromJson(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
