package dev.mmsafety.udf.metrics;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Gamma;

/**
 * The tail probabilities the tests' p-values need, from commons-math3 (on Spark's class path).
 *
 * <p>Upper tails are computed as tails, never as {@code 1 - cdf}: in the far tail {@code 1 - cdf} cancels to 0
 * and a p-value of 1e-20 would print as 0. The normal tail is the normal cdf of {@code -|z|}; the chi-square
 * tail is the regularized gamma Q(k/2, x/2), the complement that {@link ChiSquaredDistribution} computes as
 * P(k/2, x/2).
 */
public final class Normal {
  /** The 97.5% quantile of the standard normal, to 6 decimals: the z of every 95% interval in this project. */
  public static final double Z95 = 1.959964;

  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0.0, 1.0);

  private Normal() {}

  /** P(|Z| >= |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
  public static double twoSidedP(double z) {
    return Math.min(1.0, 2.0 * STANDARD.cumulativeProbability(-Math.abs(z)));
  }

  /** P(X >= x) for X chi-square with one degree of freedom. */
  public static double chiSquare1Upper(double x) {
    if (x <= 0) {
      return 1.0;
    }
    return Math.min(1.0, Gamma.regularizedGammaQ(0.5, x / 2.0));
  }
}
