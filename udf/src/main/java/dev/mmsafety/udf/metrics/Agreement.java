package dev.mmsafety.udf.metrics;

/**
 * A 2x2 confusion table between a rater and a reference on one yes/no decision, with the agreement figures the
 * judge_agreement table reports. "Positive" is the decision being true (unsafe, or refused).
 *
 * @param tp rater yes, reference yes
 * @param fp rater yes, reference no
 * @param fn rater no, reference yes
 * @param tn rater no, reference no
 */
public record Agreement(long tp, long fp, long fn, long tn) {
  public Agreement {
    if (tp < 0 || fp < 0 || fn < 0 || tn < 0) {
      throw new IllegalArgumentException("Invalid confusion counts: " + tp + "," + fp + "," + fn + "," + tn);
    }
  }

  public long n() {
    return tp + fp + fn + tn;
  }

  public long agreed() {
    return tp + tn;
  }

  /** Observed agreement (= accuracy against a reference); null when n = 0. */
  public Double agreement() {
    return n() == 0 ? null : (double) agreed() / n();
  }

  /**
   * Cohen's kappa (po - pe) / (1 - pe). Null when n = 0 or when both raters gave one and the same answer to every
   * item (pe = 1): kappa is undefined there, although agreement is 1.
   */
  public Double kappa() {
    long n = n();
    if (n == 0) {
      return null;
    }
    double po = (double) agreed() / n;
    double yesA = (double) (tp + fp) / n;
    double yesB = (double) (tp + fn) / n;
    double pe = yesA * yesB + (1 - yesA) * (1 - yesB);
    if (pe >= 1.0) {
      return null;
    }
    return (po - pe) / (1 - pe);
  }

  public Double precision() {
    return tp + fp == 0 ? null : (double) tp / (tp + fp);
  }

  public Double recall() {
    return tp + fn == 0 ? null : (double) tp / (tp + fn);
  }

  /** Harmonic mean of precision and recall; null when either is undefined or both are 0. */
  public Double f1() {
    Double p = precision();
    Double r = recall();
    if (p == null || r == null || p + r == 0) {
      return null;
    }
    return 2 * p * r / (p + r);
  }

  /** Adds one item. */
  public Agreement plus(boolean rater, boolean reference) {
    return new Agreement(
        tp + (rater && reference ? 1 : 0),
        fp + (rater && !reference ? 1 : 0),
        fn + (!rater && reference ? 1 : 0),
        tn + (!rater && !reference ? 1 : 0));
  }

  public static final Agreement EMPTY = new Agreement(0, 0, 0, 0);
}
