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
        cascade(groups, judge.name(), counts, lines);
      }
    }
    return new JudgeResponsesJob.Result(counts, lines);
  }

  private static void cascade(List<Row> groups, String name, Map<String, Long> counts, List<String> lines) {
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
    String line = String.format(Locale.ROOT,
        "cascade %s: classifier decided %d, LLM judge called for %d, calls saved %d",
        name, byFirst, byThen + audited, byFirst - audited);
    if (audited > 0) {
      // Disagreement rate on the audited sample, scaled to the share of verdicts the classifier settled.
      double lost = disagrees / (double) audited * byFirst / Math.max(1, byFirst + byThen);
      line += String.format(Locale.ROOT, "; audit of %d classifier verdicts: %d disagree, estimated agreement lost "
          + "vs LLM-on-all %.1f%%", audited, disagrees, 100 * lost);
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
