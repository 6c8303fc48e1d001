package dev.mmsafety.udf.metrics;

/**
 * Wilson score interval for a binomial proportion: centre (k + z^2/2) / (n + z^2), half-width
 * z / (n + z^2) * sqrt(k (n - k) / n + z^2 / 4). Unlike the normal (Wald) interval it stays inside [0, 1] and
 * is sensible at k = 0 and k = n, which safety rates often are.
 */
public final class Wilson {
  private Wilson() {}

  /** The 95% interval ({@link Normal#Z95}); null when n = 0. */
  public static Interval interval95(long k, long n) {
    return interval(k, n, Normal.Z95);
  }

  public static Interval interval(long k, long n, double z) {
    if (n < 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("Invalid proportion: k=" + k + ", n=" + n);
    }
    if (n == 0) {
      return null;
    }
    double z2 = z * z;
    double centre = (k + z2 / 2.0) / (n + z2);
    double half = z / (n + z2) * Math.sqrt((double) k * (n - k) / n + z2 / 4.0);
    return new Interval(Math.max(0.0, centre - half), Math.min(1.0, centre + half));
  }

  /** k / n, or null when n = 0. */
  public static Double rate(long k, long n) {
    return n == 0 ? null : (double) k / n;
  }
}
