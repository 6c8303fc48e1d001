package dev.mmsafety.jobs.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.judge.KnownRefusals;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.Interval;
import dev.mmsafety.udf.metrics.MetricSpec;
import dev.mmsafety.udf.metrics.Wilson;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The rate metrics: the judgments expanded into every grouping set (dimensions outside the set become {@code ALL}),
 * counted per distinct request and then per group, then Wilson intervals on the driver over the distinct requests,
 * where the group counts are small. Two shuffles.
 */
public final class RateMetrics {
  private static final List<String> FLAGS =
      List.of("refused", "unsafe", "effective", MetricSpec.REFUSED_BY_DEFENSE);

  private RateMetrics() {}

  /** The column identifying a request's content (prompt text and image hashes); probe_id when absent. */
  public static final String REQUEST_KEY = "request_key";

  /**
   * Counts per run x model x grouping x dimensions x polarity; columns named by {@link #countColumn}. Two
   * aggregations: first per distinct request within each group (identical requests are one observation, with
   * the majority of their verdicts, a tie counting as the flag set), then per group; {@code <flag>_n} and
   * {@code <flag>_yes} count distinct requests, {@code <flag>_n_probes} and {@code <flag>_yes_probes} every verdict.
   */
  public static Dataset<Row> groupCounts(Dataset<Row> judgments) {
    Dataset<Row> keyed = List.of(judgments.columns()).contains(REQUEST_KEY)
        ? judgments : judgments.withColumn(REQUEST_KEY, col(SharedColumns.PROBE_ID.name()));
    Dataset<Row> flagged = keyed.withColumn(MetricSpec.REFUSED_BY_DEFENSE,
        when(col("refused").isNotNull(), coalesce(col("refused_by").equalTo(KnownRefusals.BY_DEFENSE), lit(false))));
    Dataset<Row> expanded = null;
    for (List<dev.mmsafety.schemas.Column> set : Groupings.RATES) {
      Dataset<Row> one = flagged.select(keyColumns(set));
      expanded = expanded == null ? one : expanded.unionAll(one);
    }
    Column ok = col("status").equalTo(MetricSpec.STATUS_OK);
    List<Column> perRequest = new ArrayList<>();
    perRequest.add(max(col(SharedColumns.SIMULATOR.name()).cast("int")).as("simulator_any"));
    perRequest.add(count(lit(1)).as("total"));
    // A response a budget cap left unrun is not an error: it is counted apart, so the report never calls it one.
    Column notRun = col("status").equalTo(MetricSpec.STATUS_SKIPPED)
        .and(col("response_status").equalTo(MetricSpec.RESPONSE_NOT_RUN));
    perRequest.add(sum(when(col("status").isin(MetricSpec.ERROR_STATUSES.toArray()).and(functions.not(notRun)), 1)
        .otherwise(0)).as("n_error"));
    perRequest.add(sum(when(notRun, 1).otherwise(0)).as("n_not_run"));
    perRequest.add(sum(when(col("status").equalTo(MetricSpec.STATUS_UNPARSEABLE), 1).otherwise(0)).as("n_unparseable"));
    for (String flag : FLAGS) {
      perRequest.add(sum(when(ok.and(col(flag).isNotNull()), 1).otherwise(0)).as(countColumn(flag, "n_probes")));
      perRequest.add(sum(when(ok.and(col(flag).equalTo(true)), 1).otherwise(0)).as(countColumn(flag, "yes_probes")));
    }
    List<Column> perGroup = new ArrayList<>();
    perGroup.add(max(col("simulator_any")).as("simulator_any"));
    for (String c : List.of("total", "n_error", "n_not_run", "n_unparseable")) {
      perGroup.add(sum(col(c)).as(c));
    }
    for (String flag : FLAGS) {
      Column n = col(countColumn(flag, "n_probes"));
      Column yes = col(countColumn(flag, "yes_probes"));
      perGroup.add(sum(n).as(countColumn(flag, "n_probes")));
      perGroup.add(sum(yes).as(countColumn(flag, "yes_probes")));
      perGroup.add(sum(when(n.gt(0), 1).otherwise(0)).as(countColumn(flag, "n")));
      perGroup.add(sum(when(n.gt(0).and(yes.multiply(2).geq(n)), 1).otherwise(0)).as(countColumn(flag, "yes")));
    }
    List<Column> keys = new ArrayList<>();
    for (String key : groupKeys()) {
      keys.add(col(key));
    }
    List<Column> requestKeys = new ArrayList<>(keys);
    requestKeys.add(col(REQUEST_KEY));
    return expanded
        .groupBy(requestKeys.toArray(new Column[0]))
        .agg(perRequest.get(0), perRequest.subList(1, perRequest.size()).toArray(new Column[0]))
        .groupBy(keys.toArray(new Column[0]))
        .agg(perGroup.get(0), perGroup.subList(1, perGroup.size()).toArray(new Column[0]));
  }

  static String countColumn(String flag, String what) {
    return flag + "_" + what;
  }

  /** Metrics rows from the collected group counts. */
  public static List<Row> toMetricRows(List<Row> counts, String runDate) {
    List<Row> out = new ArrayList<>();
    for (Row g : counts) {
      String polarity = g.getAs("polarity");
      for (MetricSpec spec : MetricSpec.ALL) {
        if (!spec.polarity().equals(polarity)) {
          continue;
        }
        long n = ((Number) g.getAs(countColumn(spec.flag(), "n"))).longValue();
        long yes = ((Number) g.getAs(countColumn(spec.flag(), "yes"))).longValue();
        long nProbes = ((Number) g.getAs(countColumn(spec.flag(), "n_probes"))).longValue();
        long yesProbes = ((Number) g.getAs(countColumn(spec.flag(), "yes_probes"))).longValue();
        if (n == 0 && !spec.always()) {
          continue;
        }
        String defense = g.getAs(SharedColumns.DEFENSE.name());
        if (MetricSpec.REFUSED_BY_DEFENSE.equals(spec.flag())
            && (PairedDefenseMetrics.NO_DEFENSE.equals(defense) || MetricsTable.ALL.equals(defense))) {
          continue; // the split is per defense: 0 by construction without one, mixed across them under ALL
        }
        long k = spec.positive() ? yes : n - yes;
        Interval ci = Wilson.interval95(k, n);
        out.add(
            MetricRows.base(g, runDate)
                .set(MetricsTable.METRIC, spec.name())
                .set(MetricsTable.N, n)
                .set(MetricsTable.K, k)
                .set(MetricsTable.N_PROBES, nProbes)
                .set(MetricsTable.K_PROBES, spec.positive() ? yesProbes : nProbes - yesProbes)
                .set(MetricsTable.RATE, Wilson.rate(k, n))
                .set(MetricsTable.CI_LOW, ci == null ? null : ci.low())
                .set(MetricsTable.CI_HIGH, ci == null ? null : ci.high())
                .set(MetricsTable.N_ERROR, ((Number) g.getAs("n_error")).longValue())
                .set(MetricsTable.N_UNPARSEABLE, ((Number) g.getAs("n_unparseable")).longValue())
                .set(MetricsTable.N_NOT_RUN, ((Number) g.getAs("n_not_run")).longValue())
                .build());
      }
    }
    return out;
  }

  static List<String> groupKeys() {
    List<String> keys = new ArrayList<>(List.of("run_id", "model", "grouping"));
    Groupings.DIMENSIONS.forEach(d -> keys.add(d.name()));
    keys.add("polarity");
    return keys;
  }

  private static Column[] keyColumns(List<dev.mmsafety.schemas.Column> set) {
    return MetricRows.groupColumns(set, List.of("polarity", "simulator", "status", "response_status", "refused",
        "unsafe", "effective", MetricSpec.REFUSED_BY_DEFENSE, REQUEST_KEY));
  }
}
