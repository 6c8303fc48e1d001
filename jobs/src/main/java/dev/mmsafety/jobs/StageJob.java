package dev.mmsafety.jobs;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What every stage job shares, as Iceberg's actions do: the run's context, made by {@link EvalJobs}, the previous
 * stage's rows ({@link #input}), and fluent setters that return the job itself
 * ({@code return set(() -> probes = rows);}), so each job holds only its stage.
 */
public abstract class StageJob<S extends StageJob<S>> {
  protected final RunContext context;
  /** The rows given to {@link #input}, or null. */
  protected Dataset<Row> input;

  StageJob(RunContext context) {
    this.context = context;
  }

  /**
   * Input rows of the previous stage: for applyAttacks the run's cases rows (CasesTable schema); generateResponses
   * the probes to answer (this run's probes table); judgeResponses the responses to judge (generated or imported;
   * default: this run's responses table); computeMetrics the judgments to measure (the judgments table's rows of
   * this run); writeReport this run's metrics rows (default: read from the metrics table). Ingest, import and
   * validation have none, so they ignore it (it is kept for the uniform job API).
   */
  public final S input(Dataset<Row> rows) {
    return set(() -> input = rows);
  }

  /** Runs {@code assignment} (a setter's body) and returns this job, for chaining. */
  protected final S set(Runnable assignment) {
    assignment.run();
    @SuppressWarnings("unchecked")
    S self = (S) this;
    return self;
  }

  /** A copy of {@code values}; "Invalid {@code what}: empty" when there are none. */
  static <T> List<T> nonEmpty(List<T> values, String what) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("Invalid " + what + ": empty");
    }
    return List.copyOf(values);
  }
}
