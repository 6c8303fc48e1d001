package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.ComponentPreflight;
import dev.mmsafety.jobs.io.EndpointPreflight;
import dev.mmsafety.jobs.io.Preflight;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.report.ReportData;
import java.io.PrintWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a whole evaluation: ingest, attack, infer, judge, metrics, report, in that order. Each stage writes its
 * table for the run date and the next stage reads it back, so a model is called once per probe whatever later
 * stages recompute. A {@code runs} row records how it ended: succeeded, partial (a budget cap left rows unrun;
 * the row names the cap and the rows not run per dataset), or failed with the reason. A failed run leaves no
 * report claiming completeness, and readers select succeeded (or partial) runs through {@code runs}.
 */
public record EvaluationPipeline(String command, PrintWriter out, Clock clock) {
  public static final String NIGHTLY = "nightly";
  /** runs.status values written here: partial = a budget cap left rows unrun (see {@link RunCompleteness}). */
  public static final String SUCCEEDED = "succeeded";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";

  /** Runs {@code config} end to end; throws what a stage threw after recording the failed run. */
  public Result run(RunConfig config, String source) {
    RunIdentity identity = RunIdentity.of(config, clock);
    // Cheap checks first (master URL, secrets in Spark conf, every attack, defense, judge and loader), then the
    // model endpoints, then the session, then the output root and object store: a bad component, an unreachable
    // endpoint or S3, or a foreign output root fails before anything is read, written or called.
    Preflight.beforeSession(config, source);
    ComponentPreflight.Checked components = ComponentPreflight.checkRun(config);
    try (SimulatorLauncher simulator = SimulatorLauncher.startIfNeeded(config)) {
      RunConfig resolved = simulator.config();
      EndpointPreflight.check(resolved, components);
      String root = trimSlash(resolved.run().output());
      SparkSession spark = SparkSessions.getOrCreate(resolved.spark(), "mmsafety-" + command, root);
      Preflight.afterSession(spark, resolved);
      RunContext context =
          new RunContext(spark, resolved, identity.runId(), identity.runDate(), root, resolved.run().seed());
      Map<String, Long> counts = new LinkedHashMap<>();
      List<String> lines = new ArrayList<>();
      try {
        Result result = runStages(context, counts, lines);
        ReportData.Completeness completeness = RunCompleteness.of(context);
        String status = completeness.partial() ? PARTIAL : SUCCEEDED;
        writeRun(context, identity, config, status, null, counts, simulator.running(), completeness);
        return result.withStatus(status);
      } catch (RuntimeException e) {
        writeRun(context, identity, config, FAILED, e.getMessage(), counts, simulator.running(), null);
        throw e;
      }
    }
  }

  private Result runStages(RunContext context, Map<String, Long> counts, List<String> lines) {
    EvalJobs jobs = EvalJobs.get(context);
    TableIO tables = context.tables();
    String runId = context.runId();

    IngestCasesJob ingest = jobs.ingestCases().datasets(context.config().datasets());
    if (NIGHTLY.equals(command)) {
      // Benchmarks whose content hash is unchanged since the previous succeeded night are carried over unread.
      dev.mmsafety.jobs.metrics.BaselineResolver.resolve(context)
          .ifPresent(previous -> ingest.reuseUnchangedFrom(previous.runId(), previous.runDate()));
    }
    stage("ingest", ingest.execute(), counts, lines);
    stage(
        "attack",
        jobs.applyAttacks().input(tables.readRun(CasesTable.INSTANCE, runId)).execute(),
        counts,
        lines);
    stage(
        "infer",
        jobs.generateResponses().input(tables.readRun(ProbesTable.INSTANCE, runId)).execute(),
        counts,
        lines);
    stage(
        "judge",
        jobs.judgeResponses()
            .input(tables.readRun(ResponsesTable.INSTANCE, runId))
            .probes(tables.readRun(ProbesTable.INSTANCE, runId))
            .cases(tables.readRun(CasesTable.INSTANCE, runId))
            .execute(),
        counts,
        lines);
    long rewritten = ResponseTextPolicy.apply(context);
    if (rewritten > 0) {
      counts.put("responses.text_policy_rewritten", rewritten);
    }
    ComputeMetricsJob.Result metrics =
        jobs.computeMetrics().input(tables.readRun(JudgmentsTable.INSTANCE, runId))
            .probes(tables.readRun(ProbesTable.INSTANCE, runId)).execute();
    stage("metrics", metrics, counts, lines);
    out.println();
    for (String line : SummaryTable.lines(context)) {
      out.println(line);
    }
    out.println();
    out.flush();
    WriteReportJob.Result report = jobs.writeReport().execute();
    stage("report", report, counts, lines);
    return new Result(
        context.runId(), context.runDate(), context.outputRoot(), counts, lines, metrics.anyFlagged(), SUCCEEDED);
  }

  private void stage(String name, StageResult result, Map<String, Long> counts, List<String> lines) {
    Map<String, Long> stageCounts = result.counts();
    List<String> stageLines = result.summaryLines();
    stageCounts.forEach((k, v) -> counts.put(name + "." + k, v));
    for (String line : stageLines) {
      out.println("[" + name + "] " + line);
      out.flush();
      lines.add("[" + name + "] " + line);
    }
  }

  private void writeRun(
      RunContext context,
      RunIdentity identity,
      RunConfig original,
      String status,
      String error,
      Map<String, Long> counts,
      boolean simulator,
      ReportData.Completeness completeness) {
    Row row =
        RunsTable.INSTANCE
            .newRow()
            .set(SharedColumns.RUN_ID, identity.runId())
            .set(SharedColumns.RUN_DATE, identity.runDate())
            .set(RunsTable.COMMAND, command)
            .set(RunsTable.CONFIG_HASH, identity.configHash())
            .set(RunsTable.CODE_VERSION, CodeVersion.current())
            .set(RunsTable.STARTED_AT, new Timestamp(identity.startedAtMillis()))
            .set(RunsTable.ENDED_AT, new Timestamp(clock.millis()))
            .set(RunsTable.RUN_STATUS, status)
            .set(RunsTable.RUN_ERROR, error)
            .set(SharedColumns.SIMULATOR, simulator)
            .set(RunsTable.COUNTS, counts)
            .set(RunsTable.OUTPUT_ROOT, context.outputRoot())
            .set(RunsTable.CONFIG_JSON, ConfigLoader.toJson(original))
            .set(RunsTable.CACHE_SCOPE, original.inference().cacheScope())
            .set(RunsTable.BUDGET_CAPS, completeness == null || completeness.caps().isEmpty() ? null
                : String.join(", ", completeness.caps()))
            .set(RunsTable.NOT_RUN, completeness == null ? null : completeness.notRunByDataset())
            .set(RunsTable.REUSED_FROM, completeness == null ? null : completeness.reusedFrom())
            .build();
    context
        .tables()
        .append(context.spark().createDataFrame(List.of(row), RunsTable.INSTANCE.schema()), RunsTable.INSTANCE);
  }

  private static String trimSlash(String root) {
    return root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /** How a run ended, for the CLI to print; {@code status} is succeeded or partial. */
  public record Result(
      String runId,
      String runDate,
      String outputRoot,
      Map<String, Long> counts,
      List<String> summaryLines,
      boolean regressionFlagged,
      String status) {
    Result withStatus(String value) {
      return new Result(runId, runDate, outputRoot, counts, summaryLines, regressionFlagged, value);
    }
  }
}
