package dev.mmsafety.udf.attack.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.metrics.AdaptiveMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestAdaptiveMetrics {
  private static SearchOutcome won(int rounds, int calls) {
    return new SearchOutcome(List.of(), null, null, true, SearchOutcome.SUCCESS, rounds, calls, 0, calls);
  }

  private static SearchOutcome lost() {
    return new SearchOutcome(List.of(), null, null, false, SearchOutcome.ROUNDS_EXHAUSTED, 5, 45, 0, null);
  }

  @Test
  void asrAtKCountsSuccessesWithinKRoundsOverAllSearches() {
    List<SearchOutcome> s = List.of(won(1, 9), won(3, 27), lost(), lost());
    assertThat(AdaptiveMetrics.asrAtRounds(s, 1)).isEqualTo(0.25);
    assertThat(AdaptiveMetrics.asrAtRounds(s, 2)).isEqualTo(0.25);
    assertThat(AdaptiveMetrics.asrAtRounds(s, 3)).isEqualTo(0.5);
    assertThat(AdaptiveMetrics.meanRoundsToSuccess(s).getAsDouble()).isEqualTo(2.0);
    assertThat(AdaptiveMetrics.meanCallsToSuccess(s).getAsDouble()).isEqualTo(18.0);
    assertThat(AdaptiveMetrics.meanCallsToSuccess(List.of(lost()))).isEmpty();
    assertThat(AdaptiveMetrics.asrAtRounds(List.of(), 3)).isNaN();
  }
}
