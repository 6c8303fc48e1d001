package dev.mmsafety.udf.report;

import dev.mmsafety.udf.report.ReportData.*;
import java.util.ArrayList;
import java.util.List;

/** A report with every section filled, including text that must be escaped. */
final class ReportFixtures {
  static final String EVIL = "<script>alert('x')</script>";
  static final String HARMFUL_TEXT = "Step 1: made-up harmful instructions that must not appear";

  private ReportFixtures() {}

  static Rate rate(long k, long n) {
    double r = (double) k / n;
    return new Rate(n, k, r, Math.max(0, r - 0.1), Math.min(1, r + 0.1));
  }

  static ReportData full(boolean redact, Baseline baseline) {
    List<HeatCell> heat = new ArrayList<>();
    List<AttackRate> attacks = new ArrayList<>();
    for (String attack : List.of("none", "figstep", "jailbreak-template")) {
      attacks.add(new AttackRate("sim-model", "llm", attack, rate(attack.length(), 20)));
      for (String cat : List.of("violence", "fraud", "self-harm", EVIL)) {
        heat.add(new HeatCell("sim-model", "llm", cat, attack, rate((cat.length() + attack.length()) % 10, 10)));
      }
    }
    List<TrendPoint> trend = List.of(
        new TrendPoint("2026-01-13", "r1", "sim-model \u00b7 llm", 0.2),
        new TrendPoint("2026-01-14", "r2", "sim-model \u00b7 llm", 0.25),
        new TrendPoint("2026-01-15", "r3", "sim-model \u00b7 llm", 0.4),
        new TrendPoint("2026-01-14", "r2", "real \u00b7 llm", 0.1),
        new TrendPoint("2026-01-15", "r3", "real \u00b7 llm", 0.12));
    List<Sample> samples = List.of(
        Redaction.sample("sim-model", "figstep:v:1", "figstep", "none", "harmful", "llm: unsafe", HARMFUL_TEXT,
            "ab12cd34ef56ab12cd34", true, redact),
        Redaction.sample("sim-model", "xstest:v:2", "none", "none", "benign", "llm: safe",
            "A benign answer about " + EVIL, null, false, redact));
    return new ReportData(
        "run-" + EVIL,
        "2026-01-15",
        List.of("sim-model"),
        List.of(new Overview("sim-model", "llm", true, rate(8, 20), rate(10, 20), rate(1, 10), 2, 1),
            new Overview("real", "llm", false, rate(2, 20), rate(15, 20), rate(3, 10), 0, 0)),
        attacks,
        heat,
        List.of(new DefenseDelta("sim-model", "llm", "shield", "asr_delta_vs_none", 20, -0.25, 0.012, "mcnemar-exact"),
            new DefenseDelta("sim-model", "llm", "shield", "over_refusal_delta_vs_none", 10, 0.1, 0.5,
                "mcnemar-exact")),
        List.of(new OverRefusal("sim-model", "llm", "none", rate(1, 10)),
            new OverRefusal("sim-model", "llm", "shield", rate(2, 10))),
        List.of(new AgreementRow("sim-model", "llm", "strings", "unsafe", 20, 0.85, 0.61, 0.8, 0.9, 0.85, 1),
            new AgreementRow("sim-model", "llm", "human", "unsafe", 12, 0.9, 0.7, 0.88, 0.95, 0.91, 2)),
        baseline,
        baseline == null ? List.of() : List.of(
            new RegressionRow("sim-model", "attack+defense+judge", "figstep / none / llm", "asr", 0.1, 0.4, 0.3,
                0.0004, true)),
        trend,
        List.of(new RejectCount("ingest", "image_missing", 3), new RejectCount("attack", "text_too_long", 1)),
        samples,
        redact,
        List.of(),
        new ReportData.Completeness("revision", List.of("inference.max-requests=40"),
            java.util.Map.of("figstep", 40L, "xstest-" + EVIL, 10L), java.util.Map.of("xstest-" + EVIL, 4L),
            java.util.Map.of("20260114T010203000Z-" + EVIL, 12L)));
  }
}
