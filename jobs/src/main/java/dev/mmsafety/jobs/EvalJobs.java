package dev.mmsafety.jobs;

/** The one way to create jobs: every job shares the run's context. */
public final class EvalJobs {
  private final RunContext context;

  private EvalJobs(RunContext context) {
    this.context = context;
  }

  public static EvalJobs get(RunContext context) {
    return new EvalJobs(context);
  }

  public IngestCasesJob ingestCases() {
    return new IngestCasesJob(context);
  }

  /** Imports responses produced elsewhere into cases + responses (issue #3). */
  public ImportResponsesJob importResponses() {
    return new ImportResponsesJob(context);
  }

  public ApplyAttacksJob applyAttacks() {
    return new ApplyAttacksJob(context);
  }

  public GenerateResponsesJob generateResponses() {
    return new GenerateResponsesJob(context);
  }

  public JudgeResponsesJob judgeResponses() {
    return new JudgeResponsesJob(context);
  }

  public ValidateJudgesJob validateJudges() {
    return new ValidateJudgesJob(context);
  }

  public ComputeMetricsJob computeMetrics() {
    return new ComputeMetricsJob(context);
  }

  public WriteReportJob writeReport() {
    return new WriteReportJob(context);
  }
}
