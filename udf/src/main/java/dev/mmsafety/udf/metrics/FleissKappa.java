package dev.mmsafety.udf.metrics;

/**
 * Fleiss' kappa (Fleiss 1971) for m annotators who each gave every item a yes/no label: per item
 * P_i = (y_i^2 + (m - y_i)^2 - m) / (m (m - 1)), P = mean of P_i, p = sum y_i / (N m), Pe = p^2 + (1 - p)^2,
 * kappa = (P - Pe) / (1 - Pe). Fleiss' definition needs the same m on every item, so items some annotator did not
 * label (validly) are left out by the caller and counted, never filled in. commons-math3 has no kappa.
 */
public final class FleissKappa {
  private FleissKappa() {}

  /**
   * Kappa over the items {@code indices} of {@code yes} (each entry: how many of the m annotators said yes); null
   * when undefined: no items, fewer than 2 annotators, or every label the same (Pe = 1).
   */
  public static Double of(int[] yes, int m, int[] indices) {
    if (indices.length == 0 || m < 2) {
      return null;
    }
    double sumP = 0;
    long sumYes = 0;
    for (int i : indices) {
      int y = yes[i];
      if (y < 0 || y > m) {
        throw new IllegalArgumentException("Invalid yes count: " + y + " of " + m + " annotators");
      }
      sumP += (double) (y * y + (m - y) * (m - y) - m) / (m * (m - 1.0));
      sumYes += y;
    }
    double pBar = sumP / indices.length;
    double p = (double) sumYes / ((double) indices.length * m);
    double pe = p * p + (1 - p) * (1 - p);
    if (pe >= 1.0) {
      return null;
    }
    return (pBar - pe) / (1 - pe);
  }

  /** Kappa over all items. */
  public static Double of(int[] yes, int m) {
    return of(yes, m, Bootstrap.identity(yes.length));
  }
}
