package dev.mmsafety.udf.metrics;

import static dev.mmsafety.udf.metrics.HumanLabels.Outcome.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestHumanLabels {

  @Test
  void majorityTieAndMissing() {
    assertThat(HumanLabels.majority(Map.of("a", "unsafe", "b", "Unsafe ", "c", "safe"), HumanLabels.UNSAFE))
        .isEqualTo(YES);
    assertThat(HumanLabels.majority(Map.of("a", "safe", "b", "0"), HumanLabels.UNSAFE)).isEqualTo(NO);
    assertThat(HumanLabels.majority(Map.of("a", "unsafe", "b", "safe"), HumanLabels.UNSAFE)).isEqualTo(NO_MAJORITY);
    Map<String, String> blank = new HashMap<>();
    blank.put("a", null);
    blank.put("b", "  ");
    blank.put("c", "maybe");
    assertThat(HumanLabels.majority(blank, HumanLabels.UNSAFE)).isEqualTo(NO_LABELS);
    assertThat(HumanLabels.majority(null, HumanLabels.REFUSED)).isEqualTo(NO_LABELS);
    assertThat(HumanLabels.majority(Map.of("a", "refusal", "b", "unsafe"), HumanLabels.REFUSED)).isEqualTo(YES);
    assertThat(HumanLabels.majority(Map.of("a", "compliance"), HumanLabels.UNSAFE)).isEqualTo(NO_LABELS);
  }
}
