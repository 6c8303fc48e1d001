package dev.mmsafety.jobs.report;

import static org.apache.spark.sql.functions.count;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** This run's rejects: the total, counts by stage and reason, and the first {@link #LISTED} rows in full. */
public final class RejectsReader {
  public static final int LISTED = 200;

  private final RunContext context;

  public RejectsReader(RunContext context) {
    this.context = context;
  }

  public ReportData.Rejects read() {
    Optional<Dataset<Row>> rejects = OptionalTables.thisRun(context, RejectsTable.INSTANCE);
    if (rejects.isEmpty()) {
      return ReportData.Rejects.NONE;
    }
    List<ReportData.RejectCount> counts = rejects.get().groupBy("stage", "reason_code").agg(count("*").as("n"))
        .orderBy("stage", "reason_code").collectAsList().stream()
        .map(r -> new ReportData.RejectCount(r.getString(0), r.getString(1), r.getLong(2)))
        .toList();
    List<ReportData.RejectRow> first = rejects.get()
        .select("stage", "dataset", "source_file", "source_row", "field", "reason_code", "reason")
        .orderBy("stage", "dataset", "source_file", "source_row", "reason_code")
        .limit(LISTED)
        .collectAsList().stream()
        .map(r -> new ReportData.RejectRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), r.getString(6)))
        .toList();
    return new ReportData.Rejects(counts.stream().mapToLong(ReportData.RejectCount::count).sum(), counts, first);
  }
}
