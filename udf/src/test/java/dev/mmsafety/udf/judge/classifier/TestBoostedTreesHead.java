package dev.mmsafety.udf.judge.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The boosted-trees learner on rows whose label needs two features together (which a linear head cannot fit). */
class TestBoostedTreesHead {
  /** label = (a > 0.5) xor (b > 0.5), with a third feature of noise; 10% of labels flipped. */
  private static List<double[]> xs = new ArrayList<>();
  private static List<Boolean> ys = new ArrayList<>();

  static {
    Random random = new Random(7);
    for (int i = 0; i < 800; i++) {
      double a = random.nextDouble();
      double b = random.nextDouble();
      xs.add(new double[] {a, b, random.nextDouble()});
      ys.add((a > 0.5) != (b > 0.5) != (random.nextDouble() < 0.1));
    }
  }

  private static double accuracy(Head head) {
    int right = 0;
    for (int i = 0; i < xs.size(); i++) {
      right += (head.probability(xs.get(i)) >= 0.5) == ys.get(i) ? 1 : 0;
    }
    return right / (double) xs.size();
  }

  @Test
  void treesFitAnInteractionThatOneWeightPerFeatureCannot() {
    assertThat(accuracy(Learner.TREES.train(xs, ys, 1.0))).isGreaterThan(0.85);
    assertThat(accuracy(Learner.LOGISTIC.train(xs, ys, 0.1))).isLessThan(0.65);
  }

  @Test
  void theSameRowsGiveTheSameTreesAndTheFileKeepsTheirScores() {
    BoostedTreesHead a = BoostedTreesHead.train(xs, ys, 1.0);
    BoostedTreesHead b = BoostedTreesHead.train(xs, ys, 1.0);
    assertThat(b.toJson()).isEqualTo(a.toJson());
    Head read = Head.fromJson(a.withPlatt(1.5, -0.2).toJson());
    assertThat(read).isInstanceOf(BoostedTreesHead.class);
    for (double[] x : xs) {
      assertThat(read.logit(x)).isCloseTo(a.logit(x), Offset.offset(1e-6));
      assertThat(read.probability(x))
          .isCloseTo(LogisticHead.sigmoid(1.5 * a.logit(x) - 0.2), Offset.offset(1e-6));
    }
    assertThat(a.roots()).hasSize(BoostedTreesHead.ROUNDS);
  }

  @Test
  void contributionsSplitTheLogitAmongThePathsFeatures() {
    BoostedTreesHead head = BoostedTreesHead.train(xs, ys, 1.0);
    double rootValues = 0;
    for (int root : head.roots()) {
      rootValues += head.value()[root];
    }
    for (double[] x : xs.subList(0, 50)) {
      double[] c = head.contributions(x);
      assertThat(head.base() + rootValues + c[0] + c[1] + c[2]).isCloseTo(head.logit(x), Offset.offset(1e-9));
      // The noise feature moves the score far less than the two that decide the label.
      assertThat(Math.abs(c[2])).isLessThan(Math.abs(c[0]) + Math.abs(c[1]));
    }
  }

  @Test
  void leavesKeepTheirMinimumSizeSoOneOddRowMakesNoLeaf() {
    List<double[]> few = new ArrayList<>(xs.subList(0, 30));
    List<Boolean> labels = new ArrayList<>(ys.subList(0, 30));
    BoostedTreesHead head = BoostedTreesHead.train(few, labels, 1.0);
    // 30 rows cannot be split into two leaves of 20: every tree is a single leaf, so every row scores the same.
    assertThat(head.feature()).containsOnly(-1);
    assertThat(head.logit(few.get(0))).isEqualTo(head.logit(few.get(1)));
  }
}
