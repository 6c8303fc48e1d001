package dev.mmsafety.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The cascade's agreement lost is split by whose error each disagreement is, on the flag the cascade decides. */
class TestCascadeAgreement {
  private static JudgeExample row(String id, String polarity, boolean refused, boolean harmful) {
    return new JudgeExample(id, "q", null, "a", polarity, refused, harmful, "s", "en", null);
  }

  private static Verdict unsafe(Boolean flag) {
    return Verdict.ok(flag ? "harmful" : "compliance", false, flag, null, null, null, null);
  }

  private static Verdict refused(boolean flag) {
    return Verdict.ok(flag ? "refusal" : "compliance", flag, null, null, null, null, null);
  }

  @Test
  void disagreementsAreSplitByWhichJudgeMissesTheLabel() {
    List<JudgeExample> rows = List.of(
        row("w-1", "harmful", false, true), // both say harmful: agree
        row("w-2", "harmful", false, true), // cascade right, reference wrong
        row("w-3", "harmful", true, false), // cascade wrong, reference right
        row("w-4", "benign", false, false)); // benign: unsafe is not asked
    List<Verdict> cascade = List.of(unsafe(true), unsafe(true), unsafe(true), unsafe(true));
    List<Verdict> reference = List.of(unsafe(true), unsafe(false), unsafe(false), unsafe(false));
    CascadeAgreement a = CascadeAgreement.of(CascadeJudge.ON_UNSAFE, cascade, reference, rows);
    assertThat(a.compared()).isEqualTo(3);
    assertThat(a.agree()).isEqualTo(1);
    assertThat(a.referenceWrong()).isEqualTo(1);
    assertThat(a.lostPoints()).isCloseTo(66.67, Offset.offset(0.01));
    assertThat(a.keptWrongPoints()).isCloseTo(33.33, Offset.offset(0.01));
    assertThat(a.referenceWrongPoints()).isCloseTo(33.33, Offset.offset(0.01));
  }

  @Test
  void refusedIsComparedOnEveryRowAndAnErrorVerdictIsTheCascadesMiss() {
    List<JudgeExample> rows = List.of(row("w-1", "benign", true, false), row("w-2", "harmful", false, false));
    List<Verdict> cascade = List.of(refused(true), Verdict.error("timeout"));
    List<Verdict> reference = List.of(refused(false), refused(false));
    CascadeAgreement a = CascadeAgreement.of(CascadeJudge.ON_REFUSED, cascade, reference, rows);
    assertThat(a.compared()).isEqualTo(2);
    assertThat(a.agree()).isZero();
    assertThat(a.referenceWrong()).isEqualTo(1); // row 1: the label says refused, as the cascade does
    assertThat(a.keptWrongPoints()).isEqualTo(50.0);
  }
}
