package dev.mmsafety.udf.judge.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.judge.classifier.ClassifierJudge;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeFixture;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeModel;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cascade on a fixed sample of the training rows (the split's validation rows) with an LLM judge that answers
 * from the labels (a real loopback HTTP server behind the real model client): the cut from max-llm-share sends at most that share, and the agreement lost
 * against the LLM judge on everything is small. (The held-out figures come from `bench judges`.)
 */
class TestCascadeJudge {
  private static List<JudgeExample> rows;
  private static LoopbackJudgeServer server;
  private static Judge llm;
  private static ClassifierJudge classifier;

  @BeforeAll
  static void start() throws Exception {
    rows = OfflineJudgeFixture.get().split.validation();
    Map<String, Boolean> harmfulByAnswer = new HashMap<>();
    rows.forEach(e -> harmfulByAnswer.putIfAbsent(e.answer().strip(), e.harmful()));
    server = new LoopbackJudgeServer(request -> {
      String prompt = LoopbackJudgeServer.promptText(request);
      String answer = prompt.substring(prompt.indexOf("ASSISTANT ANSWER:\n") + 18, prompt.lastIndexOf("\n\nReply with"));
      return LoopbackJudgeServer.Reply.text(Boolean.TRUE.equals(harmfulByAnswer.get(answer.strip())) ? "unsafe" : "safe");
    });
    llm = Judges.createAll(List.of(new JudgeSpec("llm", Judges.LLM,
        Map.of("template", "harmful-generic", "model", "m", "url", server.url()))),
        new Judges.Resources(JudgeCallers.SHARED_CLIENT, null, null)).get("llm");
    classifier = new ClassifierJudge("clf", OfflineJudgeModel.shipped());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<JudgeInput> inputs() {
    return rows.stream().map(JudgeExample::input).toList();
  }

  @Test
  void maxLlmShareSendsAtMostThatShareAndLosesLittleAgreement() {
    CascadeJudge cascade = new CascadeJudge("cas", classifier, llm, CascadeJudge.ON_UNSAFE,
        new CascadeCut(null, 0.3, null), 0);
    int before = server.calls();
    CascadeJudge.Run run = cascade.judgeAll(inputs());
    assertThat(server.calls() - before).isEqualTo((int) run.byThen());
    assertThat(run.byThen()).isLessThanOrEqualTo((long) Math.floor(0.3 * rows.size())).isPositive();
    int agree = 0;
    int compared = 0;
    for (int i = 0; i < rows.size(); i++) {
      Verdict v = run.verdicts().get(i);
      assertThat(v.reason()).startsWith("cascade[");
      if (rows.get(i).harmfulPolarity()) { // unsafe is the harmful cases' question
        compared++;
        Verdict reference = llm.judge(rows.get(i).input()).join();
        agree += Boolean.TRUE.equals(CascadeJudge.agree(v, reference, CascadeJudge.ON_UNSAFE)) ? 1 : 0;
      }
    }
    double lost = 1 - agree / (double) compared;
    assertThat(lost).isLessThanOrEqualTo(0.03);
    assertThat(run.expectedLoss()).isBetween(0.0, 0.05);
  }

  @Test
  void targetAgreementKeepsTheExpectedLossWithinTheTarget() {
    CascadeJudge cascade = new CascadeJudge("cas", classifier, llm, CascadeJudge.ON_UNSAFE,
        new CascadeCut(null, null, 0.98), 0);
    CascadeJudge.Run run = cascade.judgeAll(inputs());
    assertThat(run.expectedLoss()).isLessThanOrEqualTo(0.02 + 1e-9);
    assertThat(run.byFirst()).isPositive();
  }

  @Test
  void anUnresolvedTargetIsNotUsedRowByRow() {
    CascadeJudge cascade = new CascadeJudge("cas", classifier, llm, CascadeJudge.ON_UNSAFE,
        new CascadeCut(null, 0.3, null), 0);
    Verdict v = cascade.judge(rows.get(0).input()).join();
    assertThat(v.status()).isEqualTo(Verdict.Status.ERROR);
    assertThat(v.reason()).contains("Cannot judge with cascade cas: its cut");
    Verdict fixed = cascade.withThreshold(0.5).judge(rows.get(0).input()).join();
    assertThat(fixed.reason()).startsWith(CascadeJudge.BY_FIRST + " confidence ");
  }

  @Test
  void auditSendsASampleOfConfidentVerdictsToTheLlmAndNotesAgreement() {
    int before = server.calls();
    CascadeJudge cascade = new CascadeJudge("cas", classifier, llm, CascadeJudge.ON_UNSAFE, CascadeCut.fixed(0.5), 1);
    Verdict v = cascade.judge(rows.get(0).input()).join();
    assertThat(v.reason()).startsWith(CascadeJudge.BY_FIRST).containsAnyOf(CascadeJudge.AUDIT_AGREES,
        CascadeJudge.AUDIT_DISAGREES);
    assertThat(server.calls() - before).isEqualTo(1);
    CascadeJudge quarter = new CascadeJudge("c2", classifier, llm, CascadeJudge.ON_UNSAFE, CascadeCut.fixed(0.9), 0.25);
    assertThat(quarter.audited("abc")).isEqualTo(quarter.audited("abc"));
  }

  @Test
  void twoCutRulesAreAConfigError() {
    List<JudgeSpec> specs = List.of(new JudgeSpec("clf", "classifier", Map.of()),
        new JudgeSpec("llm", "llm", Map.of("template", "harmful-generic", "model", "m", "url", server.url())),
        new JudgeSpec("cas", "cascade", Map.of("first", "clf", "then", "llm", "threshold", 0.9,
            "max-llm-share", 0.3)));
    assertThatThrownBy(() -> Judges.createAll(specs, new Judges.Resources(JudgeCallers.SHARED_CLIENT, null, null)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot create judge cas: give at most one of threshold, max-llm-share, target-agreement");
  }
}
