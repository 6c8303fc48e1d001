package dev.mmsafety.udf.judge.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * Agreement of yes/no decisions (and, when given, probabilities) with labels: accuracy, precision, recall, F1,
 * Cohen's kappa and the expected calibration error over {@link #BINS} equal-width bins of p(yes), with the bins themselves for a
 * reliability diagram.
 */
public record BinaryScores(int n, int tp, int fp, int tn, int fn, Double ece, List<Bin> bins) {
  public static final int BINS = 10;

  /** One reliability bin: how many probabilities fell in [lo, hi), their mean and the observed share of yes. */
  public record Bin(double lo, double hi, int n, double meanProbability, double observed) {}

  public double accuracy() {
    return n == 0 ? Double.NaN : (tp + tn) / (double) n;
  }

  public double precision() {
    return tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
  }

  public double recall() {
    return tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? Double.NaN : 2 * p * r / (p + r);
  }

  /**
   * Cohen's kappa: agreement beyond what two raters with these yes-rates would reach by chance,
   * (p_o - p_e) / (1 - p_e). NaN when chance agreement is 1 (both say the same single value throughout).
   */
  public double kappa() {
    if (n == 0) {
      return Double.NaN;
    }
    double po = (tp + tn) / (double) n;
    double pe = ((double) (tp + fp) * (tp + fn) + (double) (tn + fn) * (tn + fp)) / ((double) n * n);
    return pe >= 1 ? Double.NaN : (po - pe) / (1 - pe);
  }

  /** Decisions only (keyword judges): no calibration error. */
  public static BinaryScores of(List<Boolean> decided, List<Boolean> truth) {
    return of(decided, truth, null);
  }

  /** Decisions and the probabilities they came from (null: none). */
  public static BinaryScores of(List<Boolean> decided, List<Boolean> truth, List<Double> probabilities) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < truth.size(); i++) {
      boolean d = decided.get(i);
      boolean t = truth.get(i);
      tp += d && t ? 1 : 0;
      fp += d && !t ? 1 : 0;
      tn += !d && !t ? 1 : 0;
      fn += !d && t ? 1 : 0;
    }
    if (probabilities == null) {
      return new BinaryScores(truth.size(), tp, fp, tn, fn, null, List.of());
    }
    int[] count = new int[BINS];
    double[] sumP = new double[BINS];
    int[] yes = new int[BINS];
    for (int i = 0; i < truth.size(); i++) {
      double p = probabilities.get(i);
      int b = Math.min(BINS - 1, (int) (p * BINS));
      count[b]++;
      sumP[b] += p;
      yes[b] += truth.get(i) ? 1 : 0;
    }
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < BINS; b++) {
      double mean = count[b] == 0 ? Double.NaN : sumP[b] / count[b];
      double observed = count[b] == 0 ? Double.NaN : yes[b] / (double) count[b];
      bins.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], mean, observed));
      if (count[b] > 0) {
        ece += count[b] / (double) truth.size() * Math.abs(mean - observed);
      }
    }
    return new BinaryScores(truth.size(), tp, fp, tn, fn, ece, bins);
  }
}
