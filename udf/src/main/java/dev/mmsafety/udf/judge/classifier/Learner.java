package dev.mmsafety.udf.judge.classifier;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a head is fitted to its feature vectors. {@code l2} is each learner's L2 penalty: on the weights for
 * logistic regression, on the leaf values for boosted trees.
 */
public enum Learner {
  /** {@link LogisticHead}: one weight per standardised feature. */
  LOGISTIC,
  /** {@link BoostedTreesHead}: gradient-boosted depth-limited trees, so features can act together. */
  TREES;

  public Head train(List<double[]> xs, List<Boolean> ys, double l2) {
    return this == TREES ? BoostedTreesHead.train(xs, ys, l2)
        : LogisticHead.train(xs, ys, l2, LogisticHead.EPOCHS_DEFAULT);
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Learner named(String key) {
    return Arrays.stream(values()).filter(l -> l.key().equals(key)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("unknown learner '" + key + "' (known: logistic, trees)"));
  }
}
