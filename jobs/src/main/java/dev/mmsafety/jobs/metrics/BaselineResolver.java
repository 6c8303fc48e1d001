package dev.mmsafety.jobs.metrics;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The run a night is compared with: {@code report.baseline-run-id} when configured (its date from runs, else from
 * its metrics), otherwise the latest succeeded run of the output root with an earlier run_date.
 */
public final class BaselineResolver {
  private BaselineResolver() {}

  public static Optional<Regressions.Baseline> resolve(RunContext context) {
    String configured = context.config().report().baselineRunId();
    List<Row> runs = OptionalTables.all(context, RunsTable.INSTANCE).map(d -> d.collectAsList()).orElse(List.of());
    if (configured == null || configured.isBlank()) {
      return Regressions.latestBefore(runs, context.runDate());
    }
    Optional<String> date = runs.stream()
        .filter(r -> configured.equals(SharedColumns.RUN_ID.getString(r)))
        .map(SharedColumns.RUN_DATE::getString)
        .findFirst();
    if (date.isEmpty()) {
      // Not in runs (e.g. metrics computed outside the pipeline): take the date from its metrics.
      date = OptionalTables.all(context, MetricsTable.INSTANCE)
          .map(m -> m.where(col("run_id").equalTo(configured)).limit(1).collectAsList())
          .filter(rows -> !rows.isEmpty())
          .map(rows -> SharedColumns.RUN_DATE.getString(rows.get(0)));
    }
    return date.map(d -> new Regressions.Baseline(configured, d));
  }
}
