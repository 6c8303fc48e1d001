package dev.mmsafety.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes report.html from the tables. Issue #6. (Skeleton: the owner replaces this body.) */
public final class WriteReportJob {
  public static final String JOB_GROUP = "WRITE-REPORT";

  private final RunContext context;
  private Dataset<Row> input;

  WriteReportJob(RunContext context) {
    this.context = context;
  }

  /** Input rows (the previous stage's table for this run); unused by ingest. */
  public WriteReportJob input(Dataset<Row> rows) {
    this.input = rows;
    return this;
  }

  public Result execute() {
    throw new UnsupportedOperationException(JOB_GROUP + " is not built yet");
  }

  /** Counts of what the job wrote, by name (e.g. cases, rejects). */
  public record Result(java.util.Map<String, Long> counts, java.util.List<String> summaryLines)
      implements StageResult {}
}
