package dev.mmsafety.udf.judge.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TestBinaryScores {
  @Test
  void countsAndKappaFollowTheirDefinitions() {
    // 10 rows: tp 4, fn 1, fp 2, tn 3.
    List<Boolean> truth = List.of(true, true, true, true, true, false, false, false, false, false);
    List<Boolean> said = List.of(true, true, true, true, false, true, true, false, false, false);
    BinaryScores s = BinaryScores.of(said, truth);
    assertThat(List.of(s.tp(), s.fn(), s.fp(), s.tn())).containsExactly(4, 1, 2, 3);
    assertThat(s.accuracy()).isEqualTo(0.7);
    assertThat(s.precision()).isCloseTo(4 / 6.0, Offset.offset(1e-12));
    assertThat(s.recall()).isEqualTo(0.8);
    // p_o 0.7; p_e = 0.6 * 0.5 + 0.4 * 0.5 = 0.5; kappa = 0.2 / 0.5.
    assertThat(s.kappa()).isCloseTo(0.4, Offset.offset(1e-12));
    assertThat(s.ece()).isNull();
    // Saying yes throughout agrees on every yes row and nothing beyond chance.
    assertThat(BinaryScores.of(truth.stream().map(t -> true).toList(), truth).kappa()).isZero();
    assertThat(BinaryScores.of(truth, truth).kappa()).isEqualTo(1.0);
  }

  @Test
  void eceIsTheWeightedGapBetweenMeanProbabilityAndObservedShare() {
    List<Boolean> truth = List.of(true, false, true, true);
    List<Double> p = List.of(0.95, 0.95, 0.15, 0.15); // bin 9: mean 0.95, observed 0.5; bin 1: 0.15 vs 1.0
    BinaryScores s = BinaryScores.of(p.stream().map(x -> x >= 0.5).toList(), truth, p);
    assertThat(s.ece()).isCloseTo(0.5 * 0.45 + 0.5 * 0.85, Offset.offset(1e-12));
    assertThat(s.bins().get(9).n()).isEqualTo(2);
    assertThat(s.bins().get(1).observed()).isEqualTo(1.0);
  }
}
