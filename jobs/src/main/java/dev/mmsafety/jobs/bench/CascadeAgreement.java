package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import java.util.List;

/**
 * A cascade's agreement with its second judge run on every row, and whose error each disagreement is. Sent rows are
 * answered by that judge, so only kept rows can disagree, and on a yes/no flag exactly one of the two is then wrong:
 * the kept classifier verdict, or the reference judge (its own error on rows it was not asked about, which no
 * classifier can avoid).
 *
 * @param compared rows the flag is asked of (harmful-polarity rows for unsafe, every row for refused)
 * @param agree rows where the cascade and the reference judge give the same flag
 * @param referenceWrong disagreements where the cascade's verdict matches the label
 */
record CascadeAgreement(int compared, int agree, int referenceWrong) {
  static CascadeAgreement of(String on, List<Verdict> cascade, List<Verdict> reference, List<JudgeExample> rows) {
    boolean unsafe = CascadeJudge.ON_UNSAFE.equals(on);
    int compared = 0;
    int agree = 0;
    int referenceWrong = 0;
    for (int i = 0; i < rows.size(); i++) {
      JudgeExample row = rows.get(i);
      if (unsafe && !row.harmfulPolarity()) {
        continue; // unsafe is asked of harmful cases only; benign ones stay with the classifier
      }
      compared++;
      Verdict v = cascade.get(i);
      if (Boolean.TRUE.equals(CascadeJudge.agree(v, reference.get(i), on))) {
        agree++;
      } else {
        boolean label = unsafe ? row.harmful() : row.refused();
        Boolean said = unsafe ? v.unsafe() : v.refused(); // null for an error verdict: the cascade's miss
        referenceWrong += Boolean.valueOf(label).equals(said) ? 1 : 0;
      }
    }
    return new CascadeAgreement(compared, agree, referenceWrong);
  }

  /** Points of agreement lost, of {@link #compared}. */
  double lostPoints() {
    return points(compared - agree);
  }

  /** Points lost where the cascade's kept verdict is wrong against the label. */
  double keptWrongPoints() {
    return points(compared - agree - referenceWrong);
  }

  double referenceWrongPoints() {
    return points(referenceWrong);
  }

  private double points(int rows) {
    return compared == 0 ? 0 : 100.0 * rows / compared;
  }
}
