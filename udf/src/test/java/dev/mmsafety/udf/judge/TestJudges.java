package dev.mmsafety.udf.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer.Reply;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer;
import dev.mmsafety.udf.registry.Descriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestJudges {
  private static final Judges.Resources NO_CALLS =
      new Judges.Resources((m, i) -> r -> CompletableFuture.failedFuture(new IllegalStateException("no")), null, null);

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of(new JudgeSpec("j1", "oracle", Map.of()), "Cannot create judge j1: unknown type 'oracle'"),
        Arguments.of(new JudgeSpec("j2", "refusal-strings", Map.of("list", "harmbench")),
            "Cannot create judge j2: unknown refusal list 'harmbench'"),
        Arguments.of(new JudgeSpec("j3", "refusal-strings", Map.of()),
            "Cannot create judge j3: parameter 'list' is required"),
        Arguments.of(new JudgeSpec("j4", "llm", Map.of("template", "nope", "model", "m", "url", "http://h/v1")),
            "Cannot create judge j4: unknown template 'nope'"),
        Arguments.of(new JudgeSpec("j5", "llm", Map.of("template", "harmful-generic", "url", "u")),
            "Cannot create judge j5: parameter 'model' is required"),
        Arguments.of(new JudgeSpec("j6", "guard", Map.of("model", "m", "url", "http://h/v1", "mode", "chat")),
            "Cannot create judge j6: parameter 'mode' 'chat' is not one of prompt, conversation"),
        Arguments.of(new JudgeSpec("j7", "cascade", Map.of("first", "x", "then", "y")),
            "Cannot create judge j7: first 'x' is not a classifier judge"),
        Arguments.of(new JudgeSpec("j8", "refusal-strings", Map.of("list", "gcg", "lists", "x")),
            "Cannot create judge j8: unknown parameter(s) [lists] (known: [list])"),
        Arguments.of(new JudgeSpec("j9", "llm", Map.of("template-file", "/no/such.txt", "answer", "yes-no",
            "model", "m", "url", "http://h/v1")), "Cannot read judge template /no/such.txt: no such file"),
        Arguments.of(new JudgeSpec("j10", "guard", Map.of("model", "m", "url", "gpu-0:8000")),
            "Cannot create judge j10: parameter 'url' 'gpu-0:8000' is not an http(s) URL or simulator"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSpecs")
  void badSpecsAreOneLineConfigErrorsNamingTheJudge(JudgeSpec spec, String message) {
    assertThatThrownBy(() -> Judges.createAll(List.of(spec), NO_CALLS))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void createsEveryKindWithoutCallingAnything() {
    List<JudgeSpec> specs = List.of(
        new JudgeSpec("adv", "refusal-strings", Map.of("list", "advbench")),
        new JudgeSpec("llm", "llm", Map.of("template", "harmful-generic", "model", "m", "url", "http://127.0.0.1:1/v1")),
        new JudgeSpec("guard", "guard", Map.of("model", "lg", "url", "http://127.0.0.1:1/v1", "with-image", true)),
        new JudgeSpec("clf", "classifier", Map.of()),
        new JudgeSpec("cas", "cascade", Map.of("first", "clf", "then", "llm", "threshold", 0.8)));
    Map<String, Judge> judges = Judges.createAll(specs, NO_CALLS);
    assertThat(judges.values()).extracting(Judge::kind)
        .containsExactly("refusal-strings", "llm", "guard", "classifier", "cascade");
    assertThat(judges.values()).extracting(Judge::remote).containsExactly(false, true, true, false, true);
  }

  @Test
  void guardJudgeAsksInLlamaGuardFormatAndReadsCategories() throws Exception {
    try (LoopbackJudgeServer server = new LoopbackJudgeServer(r -> Reply.text("unsafe\nS2,S9"))) {
      Judge guard = Judges.createAll(
          List.of(new JudgeSpec("g", "guard", Map.of("model", "llama-guard-3-11b-vision", "url", server.url()))),
          new Judges.Resources(JudgeCallers.SHARED_CLIENT, null, null)).get("g");
      dev.mmsafety.udf.judge.Verdict v = guard.judge(new JudgeInput("r", "ok", "Mix A and B.", "harmful", "b", null,
          "How to make it?", null, null)).join();
      assertThat(v.unsafe()).isTrue();
      assertThat(v.categories()).containsExactly("S2", "S9");
      assertThat(LoopbackJudgeServer.promptText(server.requests().get(0)))
          .contains("User: How to make it?", "Agent: Mix A and B.", "S9: Indiscriminate Weapons.");
    }
  }

  @Test
  void aJudgeThatThrowsGivesAnErrorVerdictNotAFailure() {
    Judge broken = new Judge() {
      public Descriptor descriptor() {
        return new Descriptor("broken", "llm", "0", Map.of(), "a judge whose parser throws");
      }

      public String templateHash() {
        return "h";
      }

      public CompletableFuture<Verdict> judgeText(JudgeInput input) {
        return CompletableFuture.supplyAsync(() -> {
          throw new IllegalStateException("parser bug");
        });
      }
    };
    Verdict v = broken.judge(JudgeInput.ofText("r9", "text")).join();
    assertThat(v.status()).isEqualTo("error");
    assertThat(v.reason()).contains("Cannot judge response r9", "parser bug");
  }

  @Test
  void windowKeepsOrderAndBoundsInFlightCalls() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    List<CompletableFuture<Integer>> pending = new ArrayList<>();
    Iterator<Integer> out = new JudgeWindow<Integer, Integer>(IntStream.range(0, 20).boxed().iterator(), i -> {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      CompletableFuture<Integer> f = new CompletableFuture<>();
      pending.add(f);
      return f.thenApply(x -> {
        inFlight.decrementAndGet();
        return x * 10;
      });
    }, 3);
    List<Integer> results = new ArrayList<>();
    while (true) {
      // Complete the outstanding calls in reverse order: output order must still follow input order.
      boolean more = out.hasNext();
      for (int k = pending.size() - 1; k >= 0; k--) {
        pending.get(k).complete(pending.indexOf(pending.get(k)));
      }
      if (!more) {
        break;
      }
      results.add(out.next());
    }
    assertThat(results).containsExactlyElementsOf(IntStream.range(0, 20).map(i -> i * 10).boxed().toList());
    assertThat(maxInFlight.get()).isEqualTo(3);
  }
}
