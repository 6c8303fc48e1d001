package dev.mmsafety.udf.judge.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.judge.classifier.LabelledExample;
import dev.mmsafety.udf.judge.classifier.LogisticHead;
import dev.mmsafety.udf.judge.classifier.RefusalClassifierJudge;
import dev.mmsafety.udf.judge.classifier.SentenceEncoder;
import dev.mmsafety.udf.judge.llm.JudgeTemplates;
import dev.mmsafety.udf.judge.llm.LlmJudge;
import dev.mmsafety.udf.model.ModelResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Measures the cascade on the held-out set against running the LLM judge on everything. The LLM judge here is an
 * oracle ModelCaller that answers each prompt with the example's human label (a perfect judge), so "agreement
 * lost" is exactly the share of verdicts the classifier settled wrongly.
 */
class TestCascadeJudge {
  private static final List<LabelledExample> HELD_OUT = LabelledExample.resource(LabelledExample.HELDOUT_RESOURCE);
  private static final Map<String, Boolean> REFUSED_BY_TEXT =
      HELD_OUT.stream().collect(Collectors.toMap(LabelledExample::text, LabelledExample::refused, (a, b) -> a));

  private static LlmJudge oracle(AtomicInteger calls) {
    return new LlmJudge("oracle", JudgeTemplates.builtIn("mossbench-refusal", "oracle"), "m", GenerationSpec.DEFAULT,
        false, LlmJudge.CONTEXT_KEYS_DEFAULT, request -> {
          calls.incrementAndGet();
          String prompt = request.messages().get(0).parts().get(0).text();
          String text = prompt.substring(prompt.indexOf("ASSISTANT ANSWER:\n") + 18, prompt.indexOf("\n\nReply with"));
          String answer = REFUSED_BY_TEXT.get(text) ? "1" : "0";
          return CompletableFuture.completedFuture(
              new ModelResponse(null, "ok", answer, "stop", null, null, 1L, 200, 1, "e", null, false));
        }, null);
  }

  private static JudgeInput input(LabelledExample e) {
    return new JudgeInput(e.id(), "ok", e.text(), "harmful", "b", null, "q", null, null);
  }

  @Test
  void savesLlmCallsAndLosesLittleAgreement() {
    RefusalClassifierJudge classifier =
        new RefusalClassifierJudge("clf", LogisticHead.shipped(), SentenceEncoder.shared());
    for (double threshold : new double[] {CascadeJudge.THRESHOLD_DEFAULT}) {
      AtomicInteger allCalls = new AtomicInteger();
      AtomicInteger cascadeCalls = new AtomicInteger();
      LlmJudge onAll = oracle(allCalls);
      CascadeJudge cascade = new CascadeJudge("cas", classifier, oracle(cascadeCalls), threshold, 0);
      int agree = 0;
      for (LabelledExample e : HELD_OUT) {
        Verdict reference = onAll.judge(input(e)).join();
        Verdict v = cascade.judge(input(e)).join();
        assertThat(v.reason()).startsWith("cascade[");
        if (Boolean.TRUE.equals(CascadeJudge.agree(reference, v))) {
          agree++;
        }
      }
      double agreement = agree / (double) HELD_OUT.size();
      double saved = 1 - cascadeCalls.get() / (double) allCalls.get();
      System.out.printf(Locale.ROOT, "cascade threshold %.2f: LLM calls %d of %d (saved %.1f%%), agreement with "
          + "LLM-on-all %.3f (lost %.1f%%)%n", threshold, cascadeCalls.get(), allCalls.get(), 100 * saved, agreement,
          100 * (1 - agreement));
      assertThat(allCalls.get()).isEqualTo(HELD_OUT.size());
      assertThat(saved).isGreaterThan(0.3);
      assertThat(agreement).isGreaterThanOrEqualTo(0.95);
    }
  }

  @Test
  void auditSendsASampleOfConfidentVerdictsToTheLlmAndNotesAgreement() {
    AtomicInteger calls = new AtomicInteger();
    RefusalClassifierJudge classifier =
        new RefusalClassifierJudge("clf", LogisticHead.shipped(), SentenceEncoder.shared());
    CascadeJudge cascade = new CascadeJudge("cas", classifier, oracle(calls), 0.5, 1.0);
    Verdict v = cascade.judge(input(HELD_OUT.get(0))).join();
    assertThat(v.reason()).startsWith(CascadeJudge.BY_FIRST).containsAnyOf(CascadeJudge.AUDIT_AGREES,
        CascadeJudge.AUDIT_DISAGREES);
    assertThat(calls.get()).isEqualTo(1);
    assertThat(new CascadeJudge("c2", classifier, oracle(calls), 0.9, 0.25).audited("abc"))
        .isEqualTo(new CascadeJudge("c3", classifier, oracle(calls), 0.9, 0.25).audited("abc"));
  }
}
