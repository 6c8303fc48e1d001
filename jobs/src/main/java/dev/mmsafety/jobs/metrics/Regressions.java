package dev.mmsafety.jobs.metrics;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RegressionsTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.metrics.MetricSpec;
import dev.mmsafety.udf.metrics.TwoProportionTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Compares this run's metrics with a baseline run's, group by group, on the driver (both sides are small once
 * aggregated). The baseline is the configured run id, else the latest succeeded run of the output root whose
 * run_date is earlier than this run's.
 */
public final class Regressions {
  /** Metrics compared against the baseline. */
  public static final List<String> METRICS = List.of(MetricSpec.ASR);

  private Regressions() {}

  /** A baseline run: its id and run date. */
  public record Baseline(String runId, String runDate) {}

  /**
   * Runs that can be a baseline. A partial run (budget cap) counts: its rows were admitted stratified, so its rates
   * estimate the same groups, and a night that is always capped still gets compared.
   */
  public static final java.util.Set<String> BASELINE_STATUSES = java.util.Set.of("succeeded", "partial");

  /** The latest succeeded or partial run with an earlier run_date, from the runs table rows (any order). */
  public static Optional<Baseline> latestBefore(List<Row> runs, String runDate) {
    Row best = null;
    for (Row r : runs) {
      String date = SharedColumns.RUN_DATE.getString(r);
      if (!BASELINE_STATUSES.contains(RunsTable.RUN_STATUS.getString(r)) || date == null
          || date.compareTo(runDate) >= 0) {
        continue;
      }
      if (best == null || compare(r, best) > 0) {
        best = r;
      }
    }
    return Optional.ofNullable(best)
        .map(r -> new Baseline(SharedColumns.RUN_ID.getString(r), SharedColumns.RUN_DATE.getString(r)));
  }

  private static int compare(Row a, Row b) {
    int byDate = SharedColumns.RUN_DATE.getString(a).compareTo(SharedColumns.RUN_DATE.getString(b));
    if (byDate != 0) {
      return byDate;
    }
    Object ea = RunsTable.ENDED_AT.get(a);
    Object eb = RunsTable.ENDED_AT.get(b);
    String sa = ea == null ? String.valueOf(RunsTable.STARTED_AT.get(a)) : ea.toString();
    String sb = eb == null ? String.valueOf(RunsTable.STARTED_AT.get(b)) : eb.toString();
    return sa.compareTo(sb);
  }

  /** The baseline's metric rows worth comparing. */
  public static Dataset<Row> baselineMetrics(Dataset<Row> metrics, Baseline baseline) {
    return metrics.where(col("run_id").equalTo(baseline.runId()).and(col("metric").isin(METRICS.toArray())));
  }

  /** One regressions row per group present on both sides with n > 0 on both. */
  public static List<Row> compare(
      List<Row> current, List<Row> baselineRows, Baseline baseline, double threshold, double alpha, String runDate) {
    Map<List<Object>, Row> before = new HashMap<>();
    for (Row r : baselineRows) {
      before.put(groupKey(r), r);
    }
    List<Row> out = new ArrayList<>();
    for (Row r : current) {
      if (!METRICS.contains(MetricsTable.METRIC.getString(r))) {
        continue;
      }
      Row b = before.get(groupKey(r));
      long n = MetricsTable.N.<Long>get(r);
      if (b == null || n == 0 || MetricsTable.N.<Long>get(b) == 0) {
        continue;
      }
      long k = MetricsTable.K.<Long>get(r);
      long bn = MetricsTable.N.<Long>get(b);
      long bk = MetricsTable.K.<Long>get(b);
      TwoProportionTest.Result t = TwoProportionTest.test(k, n, bk, bn);
      boolean significant = t.pValue() < alpha;
      out.add(RegressionsTable.INSTANCE.newRow()
          .copyFrom(r)
          .set(RegressionsTable.BASELINE_RUN_ID, baseline.runId())
          .set(RegressionsTable.BASELINE_RUN_DATE, baseline.runDate())
          .set(RegressionsTable.GROUPING, MetricsTable.GROUPING.getString(r))
          .set(RegressionsTable.METRIC, MetricsTable.METRIC.getString(r))
          .set(RegressionsTable.N, n)
          .set(RegressionsTable.K, k)
          .set(RegressionsTable.RATE, (double) k / n)
          .set(RegressionsTable.BASELINE_N, bn)
          .set(RegressionsTable.BASELINE_K, bk)
          .set(RegressionsTable.BASELINE_RATE, (double) bk / bn)
          .set(RegressionsTable.DELTA, t.delta())
          .set(RegressionsTable.Z, t.z())
          .set(RegressionsTable.P_VALUE, t.pValue())
          .set(RegressionsTable.THRESHOLD, threshold)
          .set(RegressionsTable.ALPHA, alpha)
          .set(RegressionsTable.SIGNIFICANT, significant)
          .set(RegressionsTable.FLAGGED, significant && t.delta() > threshold)
          .set(SharedColumns.RUN_DATE, runDate)
          .build());
    }
    return out;
  }

  private static List<Object> groupKey(Row r) {
    List<Object> key = new ArrayList<>();
    for (dev.mmsafety.schemas.Column c : List.of(
        MetricsTable.METRIC, MetricsTable.GROUPING, SharedColumns.MODEL, SharedColumns.BENCHMARK,
        SharedColumns.DATASET, SharedColumns.CANONICAL_CATEGORY, SharedColumns.NATIVE_CATEGORY,
        SharedColumns.ATTACK, SharedColumns.DEFENSE, SharedColumns.JUDGE, SharedColumns.POLARITY)) {
      key.add(Objects.toString(c.get(r), "\u0000null"));
    }
    // Baselines written before metrics had a variant column read it as null: the same as rolled up.
    key.add(Objects.toString(r.schema().getFieldIndex(SharedColumns.VARIANT.name()).isDefined()
        ? SharedColumns.VARIANT.get(r) : null, MetricsTable.ALL));
    return key;
  }
}
