package dev.mmsafety.udf.metrics;

import java.util.Arrays;
import java.util.function.Function;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Seeded percentile bootstrap over items, for the figures without a closed-form interval here (Cohen's and Fleiss'
 * kappa, F1): resample the n items with replacement {@link #RESAMPLES} times (commons-math3's Well19937c seeded
 * with {@link #SEED}, so a validation prints the same intervals every time), compute the statistic on each
 * resample, and take the 2.5th and 97.5th percentiles (commons-math3 Percentile, R's type 7). Resamples where the
 * statistic is undefined (e.g. every item the same answer) are left out.
 */
public final class Bootstrap {
  public static final int RESAMPLES = 2000;
  public static final long SEED = 20260101L;

  private Bootstrap() {}

  /** The 95% interval of {@code statistic} (given the resampled item indices); null when n = 0 or never defined. */
  public static Interval interval95(int n, Function<int[], Double> statistic) {
    return interval(n, statistic, RESAMPLES, SEED, 0.95);
  }

  public static Interval interval(int n, Function<int[], Double> statistic, int resamples, long seed, double level) {
    if (n == 0) {
      return null;
    }
    RandomGenerator random = new Well19937c(seed);
    double[] values = new double[resamples];
    int defined = 0;
    int[] sample = new int[n];
    for (int b = 0; b < resamples; b++) {
      for (int i = 0; i < n; i++) {
        sample[i] = random.nextInt(n);
      }
      Double v = statistic.apply(sample);
      if (v != null && !v.isNaN()) {
        values[defined++] = v;
      }
    }
    if (defined == 0) {
      return null;
    }
    double[] kept = Arrays.copyOf(values, defined);
    Percentile percentile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    percentile.setData(kept);
    double tail = (1 - level) / 2 * 100;
    return new Interval(percentile.evaluate(tail), percentile.evaluate(100 - tail));
  }

  /** 0, 1, ..., n - 1: every item once. */
  public static int[] identity(int n) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    return all;
  }
}
