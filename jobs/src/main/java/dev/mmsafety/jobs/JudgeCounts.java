package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The judge stage's result figures, computed from the judgments as written in one aggregation: totals per
 * status, cache hits, and per cascade how many verdicts the classifier settled (LLM calls saved) and, where
 * audited, how often the LLM judge disagreed with it (agreement lost).
 */
final class JudgeCounts {
  private JudgeCounts() {}

  static JudgeResponsesJob.Result of(Dataset<Row> written, Map<String, Judge> judges) {
    org.apache.spark.sql.Column reason = col(JudgmentsTable.REASON.name());
    List<Row> groups = written.groupBy(
            col(SharedColumns.JUDGE.name()),
            col(SharedColumns.STATUS.name()),
            col(JudgmentsTable.CACHE_HIT.name()),
            when(reason.startsWith(CascadeJudge.BY_FIRST), lit("first"))
                .when(reason.startsWith(CascadeJudge.BY_THEN), lit("then")).otherwise(lit("")).as("stage"),
            when(reason.contains(CascadeJudge.AUDIT_AGREES), lit("agrees"))
                .when(reason.contains(CascadeJudge.AUDIT_DISAGREES), lit("disagrees")).otherwise(lit("")).as("audit"))
        .count()
        .collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("judgments", 0L);
    counts.put("cache_hits", 0L);
    for (Row g : groups) {
      long n = g.getLong(5);
      counts.merge("judgments", n, Long::sum);
      counts.merge("status." + g.getString(1), n, Long::sum);
      if (g.getBoolean(2)) {
        counts.merge("cache_hits", n, Long::sum);
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "judgments: %d (%s), cache hits %d", counts.get("judgments"),
        statusText(counts), counts.get("cache_hits")));
    for (Judge judge : judges.values()) {
      if (judge instanceof CascadeJudge) {
        cascade(groups, judge.name(), counts, lines, calibratedLoss(written, judge.name()));
      }
    }
    return new JudgeResponsesJob.Result(counts, lines);
  }

  /**
   * Sum over the classifier-decided verdicts of (1 - confidence): the disagreements with the second judge the
   * calibrated probabilities expect (the confidence is in the reason, right after the stage tag).
   */
  private static double calibratedLoss(Dataset<Row> written, String name) {
    Row r = written.where(col(SharedColumns.JUDGE.name()).equalTo(name)
            .and(col(JudgmentsTable.REASON.name()).startsWith(CascadeJudge.BY_FIRST)))
        .agg(org.apache.spark.sql.functions.sum(lit(1).minus(org.apache.spark.sql.functions.regexp_extract(
            col(JudgmentsTable.REASON.name()), "^cascade\\[first\\] confidence ([0-9.]+)", 1).cast("double"))))
        .first();
    return r.isNullAt(0) ? 0 : r.getDouble(0);
  }

  private static void cascade(
      List<Row> groups, String name, Map<String, Long> counts, List<String> lines, double expectedDisagreements) {
    long byFirst = 0;
    long byThen = 0;
    long agrees = 0;
    long disagrees = 0;
    for (Row g : groups) {
      if (!name.equals(g.getString(0))) {
        continue;
      }
      long n = g.getLong(5);
      byFirst += "first".equals(g.getString(3)) ? n : 0;
      byThen += "then".equals(g.getString(3)) ? n : 0;
      agrees += "agrees".equals(g.getString(4)) ? n : 0;
      disagrees += "disagrees".equals(g.getString(4)) ? n : 0;
    }
    String p = "cascade." + name + ".";
    long audited = agrees + disagrees;
    counts.put(p + "classifier_decided", byFirst);
    counts.put(p + "llm_decided", byThen);
    counts.put(p + "llm_calls_saved", byFirst - audited);
    counts.put(p + "audited", audited);
    counts.put(p + "audit_disagreements", disagrees);
    double expectedLost = expectedDisagreements / Math.max(1, byFirst + byThen);
    // Basis points: the counts are whole numbers.
    counts.put(p + "expected_agreement_lost_bp", Math.round(expectedLost * 10_000));
    String line = String.format(Locale.ROOT,
        "cascade %s: classifier decided %d, LLM judge called for %d, calls saved %d; agreement lost vs LLM-on-all "
            + "expected from calibration %.1f%%",
        name, byFirst, byThen + audited, byFirst - audited, 100 * expectedLost);
    if (audited > 0) {
      // Disagreement rate on the audited sample, scaled to the share of verdicts the classifier settled.
      double lost = disagrees / (double) audited * byFirst / Math.max(1, byFirst + byThen);
      line += String.format(Locale.ROOT, "; audit of %d classifier verdicts: %d disagree, agreement lost "
          + "estimated from the audit %.1f%%", audited, disagrees, 100 * lost);
    }
    lines.add(line);
  }

  private static String statusText(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> {
      if (k.startsWith("status.")) {
        s.append(s.length() == 0 ? "" : ", ").append(k.substring(7)).append(' ').append(v);
      }
    });
    return s.toString();
  }
}
