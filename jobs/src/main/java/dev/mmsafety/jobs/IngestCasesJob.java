package dev.mmsafety.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Loads datasets into cases (+ rejects, stage ingest). Issue #3. (Skeleton: the owner replaces this body.) */
public final class IngestCasesJob {
  public static final String JOB_GROUP = "INGEST-CASES";

  private final RunContext context;
  private Dataset<Row> input;

  IngestCasesJob(RunContext context) {
    this.context = context;
  }

  /** Input rows (the previous stage's table for this run); unused by ingest. */
  public IngestCasesJob input(Dataset<Row> rows) {
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
