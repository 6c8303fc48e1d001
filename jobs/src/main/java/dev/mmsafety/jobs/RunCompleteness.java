package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run measured and what it took from earlier runs, read from its responses: the budget caps rows ran into
 * and the rows each dataset did not run (a run with any is {@code partial}), and the answers reused from the
 * response cache by the run they were first answered in. The runs row and the report both show this.
 */
public final class RunCompleteness {
  /** The cap named at the end of a budget_exhausted row's error, e.g. (inference.max-requests=40). */
  private static final String CAP_PATTERN = "\\((inference\\.[a-z-]+=[0-9]+)\\)$";

  private RunCompleteness() {}

  /** This run's figures; empty ones when it wrote no responses. */
  public static ReportData.Completeness of(RunContext context) {
    return OptionalTables.thisRun(context, ResponsesTable.INSTANCE)
        .map(responses -> of(responses, context.runId(), context.config().inference().cacheScope()))
        .orElse(new ReportData.Completeness(context.config().inference().cacheScope(), List.of(), Map.of(),
            Map.of(), Map.of()));
  }

  static ReportData.Completeness of(Dataset<Row> responses, String runId, String cacheScope) {
    Column notRun = col(SharedColumns.STATUS.name()).equalTo(ModelResponse.Status.BUDGET_EXHAUSTED);
    Map<String, Long> rows = new TreeMap<>();
    Map<String, Long> notRunRows = new TreeMap<>();
    for (Row r : responses.groupBy(col(SharedColumns.DATASET.name()))
        .agg(count(lit(1)), sum(when(notRun, 1L).otherwise(0L))).collectAsList()) {
      String dataset = r.isNullAt(0) ? "" : r.getString(0);
      rows.put(dataset, r.getLong(1));
      if (r.getLong(2) > 0) {
        notRunRows.put(dataset, r.getLong(2));
      }
    }
    TreeSet<String> caps = new TreeSet<>();
    if (!notRunRows.isEmpty()) {
      for (Row r : responses.where(notRun)
          .select(regexp_extract(col(SharedColumns.ERROR.name()), CAP_PATTERN, 1)).distinct().collectAsList()) {
        caps.add(r.getString(0).isEmpty() ? "inference budget" : r.getString(0));
      }
    }
    Map<String, Long> reused = new TreeMap<>();
    Column from = col(ResponsesTable.REUSED_FROM_RUN_ID.name());
    for (Row r : responses.where(from.isNotNull().and(from.notEqual(runId))).groupBy(from).count().collectAsList()) {
      reused.put(r.getString(0), r.getLong(1));
    }
    return new ReportData.Completeness(cacheScope, List.copyOf(caps), rows, notRunRows, reused);
  }
}
