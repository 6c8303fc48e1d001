package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.schemas.MetricsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * The short table a run prints: per model x dataset x variant x attack x defense x judge, the headline rates with
 * their 95% intervals and n as distinct requests. Read back from the written metrics table, so it shows exactly what BI will see.
 */
public final class SummaryTable {
  static final String GROUPING = dev.mmsafety.udf.metrics.Groupings.name(
      dev.mmsafety.udf.metrics.Groupings.BENCHMARK_ATTACK_DEFENSE_JUDGE);
  private static final List<String> METRICS = List.of("asr", "refusal_rate", "over_refusal_rate");

  private SummaryTable() {}

  public static List<String> lines(RunContext context) {
    List<Row> rows =
        context
            .tables()
            .readRun(MetricsTable.INSTANCE, context.runId())
            .where(col("grouping").equalTo(GROUPING).and(col("metric").isin(METRICS.toArray())))
            .orderBy("model", "dataset", "variant", "attack", "defense", "judge", "metric")
            .collectAsList();
    List<String> lines = new ArrayList<>();
    String format = "%-14s %-16s %-10s %-10s %-8s %-10s %-18s %9s %7s  %s";
    lines.add(String.format(Locale.ROOT, format, "model", "dataset", "variant", "attack", "defense", "judge", "metric",
        "k/n", "rate", "95% CI"));
    long merged = 0;
    for (Row r : rows) {
      Object rate = r.get(r.fieldIndex("rate"));
      Object probes = r.get(r.fieldIndex("n_probes"));
      merged += probes == null ? 0 : Math.max(0, (Long) probes - r.getLong(r.fieldIndex("n")));
      lines.add(
          String.format(
              Locale.ROOT,
              format,
              r.getString(r.fieldIndex("model")) + (r.getBoolean(r.fieldIndex("simulator")) ? "*" : ""),
              r.getString(r.fieldIndex("dataset")),
              r.getString(r.fieldIndex("variant")),
              r.getString(r.fieldIndex("attack")),
              r.getString(r.fieldIndex("defense")),
              r.getString(r.fieldIndex("judge")),
              r.getString(r.fieldIndex("metric")),
              r.getLong(r.fieldIndex("k")) + "/" + r.getLong(r.fieldIndex("n")),
              rate == null ? "-" : String.format(Locale.ROOT, "%.3f", (Double) rate),
              rate == null
                  ? "-"
                  : String.format(
                      Locale.ROOT, "[%.3f, %.3f]", r.getDouble(r.fieldIndex("ci_low")),
                      r.getDouble(r.fieldIndex("ci_high")))));
    }
    if (!rows.isEmpty()) {
      lines.add("n = distinct requests: identical prompt + images within a row count once"
          + (merged > 0 ? " (" + merged + " duplicate verdicts merged)" : "") + " (docs/metrics.md).");
    }
    if (rows.stream().anyMatch(r -> r.getBoolean(r.fieldIndex("simulator")))) {
      lines.add("* answered by the built-in SIMULATED worker, not a real model: the rates show the pipeline, not a model.");
    }
    for (dev.mmsafety.udf.config.ModelSpec h : context.config().helpers()) {
      lines.add("helper " + h.name() + " (" + h.role() + (h.usesSimulator() ? ", SIMULATED" : "")
          + "): not evaluated; called by the defenses, judges and attacks that name it");
    }
    return lines;
  }
}
