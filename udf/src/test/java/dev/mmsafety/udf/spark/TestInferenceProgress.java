package dev.mmsafety.udf.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.spark.InferenceProgress.Lines;
import dev.mmsafety.udf.spark.InferenceProgress.Lines.Counts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestInferenceProgress {
  private static final long S = 1_000_000_000L;

  @Test
  void aTickPrintsOnlyWhenTheCountsMoved() {
    Lines lines = new Lines(3000, 0);
    List<String> printed = new ArrayList<>();
    // Ticks every 5 s; heartbeats move the counts at 0, 10 and 20 s.
    Counts start = new Counts(0, 0, 0, 0, 0);
    Counts first = new Counts(100, 100, 0, 0, 10 * S);
    Counts second = new Counts(2624, 2630, 3, 20, 20 * S);
    for (Counts c : List.of(start, start, first, first, second, second)) {
      lines.next(c).ifPresent(printed::add);
    }
    assertThat(printed).containsExactly(
        "[generate-responses] 0/3000 rows (0.0%), 0.0 rows/s, 0 http calls, error rate 0.00%, cache hits 0, ETA ?",
        "[generate-responses] 100/3000 rows (3.3%), 10.0 rows/s, 100 http calls, error rate 0.00%, cache hits 0,"
            + " ETA 290s",
        "[generate-responses] 2624/3000 rows (87.5%), 131.2 rows/s, 2630 http calls, error rate 0.11%, cache hits 20,"
            + " ETA 3s");
  }

  @Test
  void theRateIsRowsOverTheTimeToTheUpdateNotToTheTick() {
    Lines lines = new Lines(10, 2 * S);
    // 4 rows reported by an update 2 s after the start: 2 rows/s however late the tick reads them.
    assertThat(lines.format(new Counts(4, 4, 0, 0, 4 * S))).contains("4/10 rows (40.0%), 2.0 rows/s", "ETA 3s");
    assertThat(lines.next(new Counts(4, 4, 0, 0, 4 * S))).hasValueSatisfying(l -> assertThat(l).contains("2.0 rows/s"));
    // Only the calls moved (a retry): still a change worth a line.
    assertThat(lines.next(new Counts(4, 5, 0, 0, 5 * S))).isPresent();
    assertThat(lines.next(new Counts(4, 5, 0, 0, 9 * S))).isEmpty();
  }

  @Test
  void anEmptyStageIsDone() {
    assertThat(new Lines(0, 0).format(new Counts(0, 0, 0, 0, S)))
        .isEqualTo("[generate-responses] 0/0 rows (100.0%), 0.0 rows/s, 0 http calls, error rate 0.00%, cache hits 0,"
            + " ETA ?");
  }
}
