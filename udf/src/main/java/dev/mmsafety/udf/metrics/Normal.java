package dev.mmsafety.udf.metrics;

/**
 * Standard normal and chi-square(1) tail probabilities in pure Java, so that the driver needs no statistics
 * library. erfc is computed by its Taylor series near zero and by a continued fraction in the tail, both to about
 * 1e-14 relative error, which is far below what a p-value needs.
 */
public final class Normal {
  /** The 97.5% quantile of the standard normal: the z of every 95% interval in this project. */
  public static final double Z95 = 1.959964;

  private Normal() {}

  /** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
  public static double twoSidedP(double z) {
    return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2.0)));
  }

  /** P(X >= x) for X chi-square with one degree of freedom. */
  public static double chiSquare1Upper(double x) {
    if (x <= 0) {
      return 1.0;
    }
    return Math.min(1.0, erfc(Math.sqrt(x / 2.0)));
  }

  /** Complementary error function for x >= 0 (negative x by symmetry). */
  public static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < 2.0) {
      return 1.0 - erfSeries(x);
    }
    if (x > 27) {
      return 0.0;
    }
    return erfcContinuedFraction(x);
  }

  // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1)); converges fast for x < 2.
  private static double erfSeries(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < 200; n++) {
      term *= -x2 / n;
      double add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
        break;
      }
    }
    return 2.0 / Math.sqrt(Math.PI) * sum;
  }

  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))), evaluated by modified Lentz.
  private static double erfcContinuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      double a = n / 2.0;
      d = x + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = x + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }
}
