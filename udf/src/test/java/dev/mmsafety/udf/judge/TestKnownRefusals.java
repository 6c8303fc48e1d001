package dev.mmsafety.udf.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.JudgeSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Blocked, content-filtered and structured-refusal answers are refusals for every judge kind, with no judge call. */
class TestKnownRefusals {
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final Judges.Resources COUNTING = new Judges.Resources((m, i) -> r -> {
    CALLS.incrementAndGet();
    return CompletableFuture.failedFuture(new IllegalStateException("no judge call expected"));
  }, null, null);
  private static final Map<String, Judge> JUDGES = Judges.createAll(List.of(
      new JudgeSpec("adv", "refusal-strings", Map.of("list", "advbench")),
      new JudgeSpec("llm", "llm", Map.of("template", "harmful-generic", "model", "m", "url", "http://127.0.0.1:1/v1")),
      new JudgeSpec("guard", "guard", Map.of("model", "lg", "url", "http://127.0.0.1:1/v1")),
      new JudgeSpec("clf", "classifier", Map.of()),
      new JudgeSpec("cas", "cascade", Map.of("first", "clf", "then", "llm", "threshold", 0.8))), COUNTING);

  static Stream<Arguments> givenRefusals() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (String judge : JUDGES.keySet()) {
      // the blocked text holds no refusal string of any list: the verdict comes from the status, not the text
      all.add(Arguments.of(judge, "blocked", "Withheld.", null, "blocked", "defense"));
      all.add(Arguments.of(judge, "content_filtered", null, "content_filter", "refusal", "model"));
      all.add(Arguments.of(judge, "ok", "Here is a plan you will like.", "refusal", "refusal", "model"));
    }
    return all.build();
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("givenRefusals")
  void everyJudgeCountsAGivenRefusalAsRefusedWithoutACall(
      String judge, String status, String text, String channel, String verdict, String refusedBy) {
    int before = CALLS.get();
    for (String polarity : List.of("harmful", "benign")) {
      Verdict v = JUDGES.get(judge).judge(
          new JudgeInput("r1", status, text, polarity, "b", null, "q", null, Map.of(), channel)).join();
      assertThat(v.status()).isEqualTo("ok");
      assertThat(v.refused()).isTrue();
      assertThat(v.unsafe()).isEqualTo(polarity.equals("harmful") ? Boolean.FALSE : null);
      assertThat(v.verdict()).isEqualTo(verdict);
      assertThat(KnownRefusals.refusedBy(status, v.refused())).isEqualTo(refusedBy);
    }
    assertThat(CALLS.get()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failedStatuses")
  void failedResponsesStaySkippedAndHaveNoRefuser(String status) {
    Verdict v = JUDGES.get("adv").judge(new JudgeInput("r1", status, null, "harmful", "b", null, null, null, null))
        .join();
    assertThat(v.status()).isEqualTo("skipped");
    assertThat(KnownRefusals.refusedBy(status, v.refused())).isNull();
    assertThat(KnownRefusals.refusedBy("ok", false)).isNull();
    assertThat(KnownRefusals.refusedBy("ok", true)).isEqualTo("model");
  }

  static Stream<String> failedStatuses() {
    return Stream.of("server_error", "timeout", "budget_exhausted", "bad_response");
  }
}
