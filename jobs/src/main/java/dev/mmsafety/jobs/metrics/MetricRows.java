package dev.mmsafety.jobs.metrics;

import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RowBuilder;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.metrics.Groupings;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Starts a metrics row from an aggregated group row that carries run_id, model, grouping, dimensions, polarity. */
final class MetricRows {
  private static final Map<String, dev.mmsafety.schemas.Column> DIMENSION_COLUMNS =
      Map.of(
          Groupings.BENCHMARK, SharedColumns.BENCHMARK,
          Groupings.DATASET, SharedColumns.DATASET,
          Groupings.VARIANT, SharedColumns.VARIANT,
          Groupings.CANONICAL, SharedColumns.CANONICAL_CATEGORY,
          Groupings.NATIVE, SharedColumns.NATIVE_CATEGORY,
          Groupings.ATTACK, SharedColumns.ATTACK,
          Groupings.DEFENSE, SharedColumns.DEFENSE,
          Groupings.JUDGE, SharedColumns.JUDGE);

  private MetricRows() {}

  /** The metrics column of grouping dimension {@code dim}. */
  static dev.mmsafety.schemas.Column column(String dim) {
    return DIMENSION_COLUMNS.get(dim);
  }

  static RowBuilder base(Row group, String runDate) {
    RowBuilder b =
        MetricsTable.INSTANCE
            .newRow()
            .set(SharedColumns.RUN_ID, group.getAs("run_id"))
            .set(SharedColumns.MODEL, group.getAs("model"))
            .set(SharedColumns.RUN_DATE, runDate)
            .set(MetricsTable.GROUPING, group.getAs("grouping"))
            .set(SharedColumns.POLARITY, group.getAs("polarity"))
            .set(SharedColumns.SIMULATOR, ((Number) group.getAs("simulator_any")).intValue() > 0);
    for (String dim : Groupings.DIMENSIONS) {
      b.set(DIMENSION_COLUMNS.get(dim), group.getAs(dim));
    }
    return b;
  }
}
