package dev.mmsafety.udf.report;

import dev.mmsafety.udf.report.ReportData.*;
import java.util.ArrayList;
import java.util.List;

/** A report with every section filled, including model output that must neither break the page nor run. */
final class ReportFixtures {
  static final String EVIL = "<script>alert('x')</script>";
  static final String HARMFUL_TEXT = "Step 1: made-up harmful instructions that must not appear";
  /** Answers that would run code if the page ever treated data as markup or as a URL. */
  static final List<String> INJECTIONS = List.of(
      "</script><script>document.title='pwned-1';window.__pwned=1</script>",
      "<img src=x onerror=\"document.title='pwned-2';document.body.setAttribute('data-pwned','2')\">",
      "<a href=\"javascript:document.title='pwned-3'\">click me</a>",
      "<!-- <script>document.title='pwned-4'</script> -->",
      "<svg onload=\"document.title='pwned-5'\"></svg>\u2028\u2029");
  static final String MISSING_IMAGE = "images/sha256/de/deleted.png";
  static final String PRESENT_IMAGE = "images/sha256/aa/present.png";

  private ReportFixtures() {}

  static Rate rate(long k, long n) {
    double r = (double) k / n;
    return new Rate(n, k, r, Math.max(0, r - 0.1), Math.min(1, r + 0.1));
  }

  static ReportData full(boolean redact, Baseline baseline) {
    List<HeatCell> heat = new ArrayList<>();
    List<HeadlineRate> headline = new ArrayList<>();
    for (String attack : List.of("none", "figstep", "jailbreak-template")) {
      headline.add(new HeadlineRate("sim-model", "llm", ReportData.POOLED, attack, "asr", rate(attack.length(), 40),
          1, 0));
      headline.add(new HeadlineRate("sim-model", "llm", "figstep", attack, "asr", rate(attack.length() / 2, 20), 1,
          0));
      headline.add(new HeadlineRate("sim-model", "llm", "mm-" + EVIL, attack, "asr", rate(0, 20), 0, 0));
      for (String cat : List.of("violence", "fraud", "self-harm", EVIL)) {
        heat.add(new HeatCell("sim-model", "llm", cat, attack, rate((cat.length() + attack.length()) % 10, 10)));
      }
    }
    headline.add(new HeadlineRate("sim-model", "llm", "mossbench", "none", "over_refusal_rate", rate(3, 4), 0, 0));
    heat.add(new HeatCell("sim-model", "llm", "privacy", "none", new Rate(0, 0, null, null, null)));
    heat.add(new HeatCell("sim-model", "llm", "privacy", "figstep", rate(0, 10)));
    List<TrendPoint> trend = List.of(
        new TrendPoint("2026-01-13", "r1", "sim-model \u00b7 none \u00b7 llm", 0.2),
        new TrendPoint("2026-01-14", "r2", "sim-model \u00b7 none \u00b7 llm", 0.25),
        new TrendPoint("2026-01-15", "r3", "sim-model \u00b7 none \u00b7 llm", 0.4),
        new TrendPoint("2026-01-14", "r2", "real \u00b7 none \u00b7 llm", 0.1),
        new TrendPoint("2026-01-15", "r3", "real \u00b7 none \u00b7 llm", 0.12));
    return ReportData.builder("run-" + EVIL, "2026-01-15")
        .simulatedModels(List.of("sim-model"))
        .redacted(redact)
        .inventory(inventory())
        .headline(headline)
        .heatmap(heat)
        .defenseDeltas(List.of(
            new DefenseDelta("sim-model", "llm", "shield", "asr_delta_vs_none", 20, -0.25, 0.012, "mcnemar-exact"),
            new DefenseDelta("sim-model", "llm", "shield", "over_refusal_delta_vs_none", 10, 0.1, 0.5,
                "mcnemar-exact")))
        .adaptive(List.of(
            new ReportData.SearchRate("sim-model", EVIL + "-pair", "harmful", 1, rate(1, 4), 2.3333, 17.5),
            new ReportData.SearchRate("sim-model", EVIL + "-pair", "harmful", 2, rate(3, 4), 2.3333, 17.5)))
        .overRefusal(List.of(new OverRefusal("sim-model", "llm", "none", rate(1, 10)),
            new OverRefusal("sim-model", "llm", "shield", rate(2, 10))))
        .validation(List.of(new dev.mmsafety.udf.metrics.JudgeValidation.Figures("strings", "ALL", "refused",
            new dev.mmsafety.udf.metrics.Agreement(8, 1, 2, 9), null, null, null, null, null, 1, 2, 0, 1, 3, 3, 0.62,
            new dev.mmsafety.udf.metrics.Interval(0.4, 0.8), 17)))
        .agreement(List.of(new AgreementRow("sim-model", "llm", "strings", "unsafe", 20, 0.85, 0.61, 0.8, 0.9, 0.85, 1),
            new AgreementRow("sim-model", "llm", "human", "unsafe", 12, 0.9, 0.7, 0.88, 0.95, 0.91, 2)))
        .baseline(baseline)
        .regressions(baseline == null ? List.of() : List.of(
            new RegressionRow("sim-model", "attack+defense+judge", "figstep / none / llm", "asr", 0.1, 0.4, 0.3,
                0.0004, true)))
        .trend(trend)
        .rejects(new Rejects(205,
            List.of(new RejectCount("ingest", "image_missing", 203), new RejectCount("attack", "text_too_long", 2)),
            List.of(new RejectRow("ingest", "figstep", "data/safebench.csv", "17", "image", "image_missing",
                    "no file images/" + EVIL + ".png"),
                new RejectRow("attack", "figstep", null, null, null, "text_too_long", "instruction over 1000 chars"))))
        .samples(samples(redact))
        .helpers(List.of(new ReportData.Helper("guard-" + EVIL, "guard", "llama-guard-3", List.of("g0"), true)))
        .completeness(new ReportData.Completeness("revision", List.of("inference.max-requests=40"),
            java.util.Map.of("figstep", 40L, "xstest-" + EVIL, 10L), java.util.Map.of("xstest-" + EVIL, 4L),
            java.util.Map.of("20260114T010203000Z-" + EVIL, 12L)))
        .build();
  }

  static Inventory inventory() {
    return new Inventory(
        List.of(new DatasetRow("figstep", "figstep", "figstep", 20, 0), new DatasetRow("mm-" + EVIL, "mm-safetybench",
            "SD_TYPO", 20, 0), new DatasetRow("mossbench", "mossbench", "oversensitive", 0, 4)),
        List.of(new ComponentRow("none", "none", "{}", "all", 44L),
            new ComponentRow("figstep", "figstep", "{\"font-size\":80}", "figstep", 20L)),
        List.of(new ComponentRow("shield", "system-prompt", "{\"api-key\":\"***\"}", "all models", 88L)),
        List.of(new JudgeRow("llm", "llm", "{\"model\":\"judge\"}", List.of("llm v1 sha256:0123456789ab"))),
        List.of(new ModelRow("sim-model", "sim-mllm", List.of("sim: built-in simulator"), true, "{\"temperature\":0}",
            88L)));
  }

  /**
   * One sample per model x attack x outcome, plus the injections (model "attacker-model", benign, shown) and a
   * covered harmful answer with a deleted and a present image.
   */
  static SampleSet samples(boolean redact) {
    List<Sample> out = new ArrayList<>();
    int i = 0;
    for (String model : List.of("sim-model", "real")) {
      for (String attack : List.of("none", "figstep")) {
        for (String outcome : List.of("unsafe", "refused", "complied")) {
          boolean harmful = !"complied".equals(outcome);
          Redaction.Answer a = Redaction.answer(harmful ? HARMFUL_TEXT : "A benign answer about " + EVIL, null,
              harmful ? "harmful" : "benign", "unsafe".equals(outcome), redact);
          out.add(sample("r" + (i++), model, attack, outcome, i % 3 == 0, harmful ? "harmful" : "benign",
              List.of(new Image(PRESENT_IMAGE, true)), a));
        }
      }
    }
    for (String injection : INJECTIONS) {
      out.add(sample("r" + (i++), "attacker-model", "none", "complied", false, "benign",
          List.of(new Image("javascript:document.title='pwned-6'", true),
              new Image("file:/data/outside/root.png", false)),
          Redaction.answer(injection, null, "benign", false, redact)));
    }
    out.add(sample("r-missing", "sim-model", "figstep", "unsafe", true, "harmful",
        List.of(new Image(MISSING_IMAGE, true), new Image(PRESENT_IMAGE, true)),
        Redaction.answer(HARMFUL_TEXT, null, "harmful", true, redact)));
    out.add(sample("r-hash", "sim-model", "none", "refused", false, "harmful", List.of(),
        Redaction.answer(null, "ab12cd34ef56ab12cd34", "harmful", false, redact)));
    return new SampleSet(200_000, 20, SampleStrata.CAP, out);
  }

  private static Sample sample(String id, String model, String attack, String outcome, boolean disagree,
      String polarity, List<Image> images, Redaction.Answer a) {
    return new Sample(id, "figstep:figstep:" + id, model, "figstep", "figstep", "figstep", "violence", attack, "none", polarity,
        model.startsWith("sim"), outcome, disagree, "ok", "Prompt of " + id + " " + EVIL, images, a.text(),
        a.covered(), a.chars(), a.note(),
        List.of(new Verdict("llm", "ok", outcome, "refused".equals(outcome), "unsafe".equals(outcome), "model",
                "reason " + EVIL),
            new Verdict("strings", "ok", disagree ? "other" : outcome, false, false, null, null)),
        java.util.Map.of("revision", "ckpt-" + EVIL));
  }
}
