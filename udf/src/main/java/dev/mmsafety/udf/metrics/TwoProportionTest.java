package dev.mmsafety.udf.metrics;

/**
 * Two-sided two-proportion z-test with the pooled variance: z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),
 * p = (k1 + k2) / (n1 + n2). When the pooled rate is 0 or 1 both rates are equal and the test says z = 0, p = 1.
 */
public final class TwoProportionTest {
  private TwoProportionTest() {}

  /** delta = k1/n1 - k2/n2. */
  public record Result(double delta, double z, double pValue) {}

  public static Result test(long k1, long n1, long k2, long n2) {
    if (n1 <= 0 || n2 <= 0 || k1 < 0 || k2 < 0 || k1 > n1 || k2 > n2) {
      throw new IllegalArgumentException(
          "Invalid proportions: k1=" + k1 + ", n1=" + n1 + ", k2=" + k2 + ", n2=" + n2);
    }
    double p1 = (double) k1 / n1;
    double p2 = (double) k2 / n2;
    double pooled = (double) (k1 + k2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return new Result(p1 - p2, 0.0, 1.0);
    }
    double z = (p1 - p2) / se;
    return new Result(p1 - p2, z, Normal.twoSidedP(z));
  }
}
