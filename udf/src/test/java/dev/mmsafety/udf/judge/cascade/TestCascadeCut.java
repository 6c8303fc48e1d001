package dev.mmsafety.udf.judge.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TestCascadeCut {
  private static final double[] CONFIDENCES = {0.99, 0.98, 0.97, 0.95, 0.9, 0.8, 0.7, 0.6, 0.55, 0.51};

  private static long sent(double cut) {
    return java.util.Arrays.stream(CONFIDENCES).filter(c -> c < cut).count();
  }

  @Test
  void maxLlmShareSendsAtMostThatShare() {
    assertThat(sent(new CascadeCut(null, 0.3, null).resolve(CONFIDENCES))).isEqualTo(3);
    assertThat(sent(new CascadeCut(null, 0.25, null).resolve(CONFIDENCES))).isEqualTo(2);
    assertThat(sent(new CascadeCut(null, 0.0, null).resolve(CONFIDENCES))).isZero();
    assertThat(sent(new CascadeCut(null, 1.0, null).resolve(CONFIDENCES))).isEqualTo(10);
  }

  @Test
  void targetAgreementKeepsTheMostConfidentWithinTheExpectedLoss() {
    // Keeping 0.99..0.9 expects 0.01+0.02+0.03+0.05+0.1 = 0.21 disagreements of 10: agreement 0.979.
    double cut = new CascadeCut(null, null, 0.975).resolve(CONFIDENCES);
    assertThat(cut).isEqualTo(0.9);
    assertThat(CascadeCut.expectedLoss(CONFIDENCES, cut)).isCloseTo(0.021, Offset.offset(1e-9));
    assertThat(sent(new CascadeCut(null, null, 1.0).resolve(CONFIDENCES))).isEqualTo(10);
  }

  @Test
  void aFixedThresholdIsKeptAndTwoRulesAreRefused() {
    assertThat(CascadeCut.fixed(0.8).resolve(CONFIDENCES)).isEqualTo(0.8);
    assertThat(new CascadeCut(null, null, null).resolve(CONFIDENCES)).isEqualTo(CascadeCut.THRESHOLD_DEFAULT);
    assertThatThrownBy(() -> new CascadeCut(0.9, 0.3, null))
        .hasMessage("Invalid cascade cut: give one of threshold, max-llm-share, target-agreement");
  }
}
