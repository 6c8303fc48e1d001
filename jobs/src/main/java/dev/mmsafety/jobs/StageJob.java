package dev.mmsafety.jobs;

/**
 * What every stage job shares, as Iceberg's actions do: the run's context, made by {@link EvalJobs}, and fluent
 * setters that return the job itself ({@code return set(() -> probes = rows);}), so each job holds only its stage.
 */
public abstract class StageJob<S extends StageJob<S>> {
  protected final RunContext context;

  StageJob(RunContext context) {
    this.context = context;
  }

  /** Runs {@code assignment} (a setter's body) and returns this job, for chaining. */
  protected final S set(Runnable assignment) {
    assignment.run();
    @SuppressWarnings("unchecked")
    S self = (S) this;
    return self;
  }
}
