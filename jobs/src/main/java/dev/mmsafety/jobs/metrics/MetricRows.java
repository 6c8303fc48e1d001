package dev.mmsafety.jobs.metrics;

import dev.mmsafety.schemas.Column;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RowBuilder;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.metrics.Groupings;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;

/** Starts a metrics row from an aggregated group row that carries run_id, model, grouping, dimensions, polarity. */
final class MetricRows {
  private MetricRows() {}

  /**
   * The columns a flagged row is grouped by for the dimensions in {@code set}: run_id, model, the grouping name and
   * every dimension (its value when grouped, else {@code ALL}), then {@code carried} as they are.
   */
  static org.apache.spark.sql.Column[] groupColumns(List<Column> set, List<String> carried) {
    List<org.apache.spark.sql.Column> cols = new ArrayList<>();
    cols.add(functions.col("run_id"));
    cols.add(functions.col("model"));
    cols.add(functions.lit(Groupings.name(set)).as("grouping"));
    for (Column dim : Groupings.DIMENSIONS) {
      cols.add(set.contains(dim) ? functions.col(dim.name()) : functions.lit(MetricsTable.ALL).as(dim.name()));
    }
    carried.forEach(c -> cols.add(functions.col(c)));
    return cols.toArray(new org.apache.spark.sql.Column[0]);
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
    for (Column dim : Groupings.DIMENSIONS) {
      b.set(dim, group.getAs(dim.name()));
    }
    return b;
  }
}
