package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;

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
 * The judge stage's result figures, computed from the judgments as written: totals per status, cache hits, and per
 * cascade how many verdicts the classifier settled (LLM calls saved) and, where audited, how often the LLM judge
 * disagreed with it (agreement lost).
 */
final class JudgeCounts {
  private JudgeCounts() {}

  static JudgeResponsesJob.Result of(Dataset<Row> written, Map<String, Judge> judges) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    counts.put("judgments", written.count());
    for (Row r : written.groupBy(SharedColumns.STATUS.name()).count().collectAsList()) {
      counts.put("status." + r.getString(0), r.getLong(1));
    }
    counts.put("cache_hits", written.where(col(JudgmentsTable.CACHE_HIT.name())).count());
    lines.add(String.format(Locale.ROOT, "judgments: %d (%s), cache hits %d", counts.get("judgments"),
        statusText(counts), counts.get("cache_hits")));
    for (Judge judge : judges.values()) {
      if (judge instanceof CascadeJudge) {
        cascade(written.where(col(SharedColumns.JUDGE.name()).equalTo(judge.name())), judge.name(), counts, lines);
      }
    }
    return new JudgeResponsesJob.Result(counts, lines);
  }

  private static void cascade(Dataset<Row> rows, String name, Map<String, Long> counts, List<String> lines) {
    String reason = JudgmentsTable.REASON.name();
    long byFirst = rows.where(col(reason).startsWith(CascadeJudge.BY_FIRST)).count();
    long byThen = rows.where(col(reason).startsWith(CascadeJudge.BY_THEN)).count();
    long agrees = rows.where(col(reason).contains(CascadeJudge.AUDIT_AGREES)).count();
    long disagrees = rows.where(col(reason).contains(CascadeJudge.AUDIT_DISAGREES)).count();
    String p = "cascade." + name + ".";
    counts.put(p + "classifier_decided", byFirst);
    counts.put(p + "llm_decided", byThen);
    counts.put(p + "llm_calls_saved", byFirst - agrees - disagrees);
    counts.put(p + "audited", agrees + disagrees);
    counts.put(p + "audit_disagreements", disagrees);
    String line = String.format(Locale.ROOT, "cascade %s: classifier decided %d, LLM judge called for %d, calls saved %d",
        name, byFirst, byThen + agrees + disagrees, byFirst - agrees - disagrees);
    if (agrees + disagrees > 0) {
      double lost = disagrees / (double) (agrees + disagrees) * byFirst / Math.max(1, byFirst + byThen);
      line += String.format(Locale.ROOT, "; audit %d of the classifier's verdicts: %d disagree -> estimated agreement "
          + "lost vs LLM-on-all %.1f%%", agrees + disagrees, disagrees, 100 * lost);
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
