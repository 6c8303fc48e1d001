package dev.mmsafety.jobs;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Calls models for every probe x model x defense into responses. Issue #4. (Skeleton: the owner replaces this body.) */
public final class GenerateResponsesJob {
  public static final String JOB_GROUP = "GENERATE-RESPONSES";

  private final RunContext context;
  private Dataset<Row> input;

  GenerateResponsesJob(RunContext context) {
    this.context = context;
  }

  /** Input rows (the previous stage's table for this run); unused by ingest. */
  public GenerateResponsesJob input(Dataset<Row> rows) {
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
