package dev.mmsafety.udf.metrics;

/**
 * McNemar's test on paired binary outcomes, from the two discordant counts: b = positive only without the
 * defense, c = positive only with it. Below {@link #EXACT_BELOW} discordant pairs the exact two-sided binomial
 * test (b ~ Binomial(b + c, 1/2)) is used, because the chi-square approximation is poor there; otherwise the
 * chi-square statistic with continuity correction, max(0, |b - c| - 1)^2 / (b + c), on one degree of freedom: when
 * b = c there is no difference to correct and the statistic is 0 (p = 1), as in R's mcnemar.test.
 */
public final class McNemar {
  public static final int EXACT_BELOW = 25;
  public static final String EXACT = "mcnemar-exact";
  public static final String CHI_SQUARE = "mcnemar-chi2-cc";

  private McNemar() {}

  /**
   * @param method {@link #EXACT} or {@link #CHI_SQUARE}
   * @param statistic the chi-square statistic (or, for the exact test, min(b, c))
   */
  public record Result(long b, long c, String method, double statistic, double pValue) {}

  public static Result test(long b, long c) {
    if (b < 0 || c < 0) {
      throw new IllegalArgumentException("Invalid discordant counts: b=" + b + ", c=" + c);
    }
    long n = b + c;
    if (n < EXACT_BELOW) {
      return new Result(b, c, EXACT, Math.min(b, c), exactTwoSided(b, c));
    }
    double diff = Math.max(0.0, Math.abs(b - c) - 1.0);
    double stat = diff * diff / n;
    return new Result(b, c, CHI_SQUARE, stat, Normal.chiSquare1Upper(stat));
  }

  // Two-sided: twice the smaller tail of Binomial(n, 1/2), capped at 1; P = 1 when there are no discordant pairs.
  static double exactTwoSided(long b, long c) {
    long n = b + c;
    if (n == 0) {
      return 1.0;
    }
    long m = Math.min(b, c);
    double logHalfN = n * Math.log(0.5);
    double tail = 0;
    double logChoose = 0; // log C(n, 0)
    for (long i = 0; i <= m; i++) {
      if (i > 0) {
        logChoose += Math.log((double) (n - i + 1) / i);
      }
      tail += Math.exp(logChoose + logHalfN);
    }
    return Math.min(1.0, 2.0 * tail);
  }
}
