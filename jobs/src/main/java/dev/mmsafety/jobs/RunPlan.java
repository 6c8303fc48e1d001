package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.ComponentPreflight;
import dev.mmsafety.jobs.io.EndpointPreflight;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.defense.Defenses;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.spark.InferencePlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What a config's run would cost, from the config alone, before anything is spent: the datasets are ingested and
 * the attacks applied on the driver's local Spark into a scratch folder (deleted afterwards; nothing is written
 * under the output root and no model is called), then every request id is computed and looked up in the output
 * root's response cache. Prints per model: requests, cached, to call, over budget, estimated tokens and time, and
 * the calls defenses' guard models and LLM/guard judges would add.
 *
 * @param source the config file, named in messages and the heading
 * @param latencyMs assumed seconds per request (in ms) for the time estimate
 * @param tokensPerImage prompt tokens counted per image
 */
public record RunPlan(String source, long latencyMs, int tokensPerImage) {
  public static final long LATENCY_MS_DEFAULT = 2_000;
  static final String RUN_ID = "plan";

  public RunPlan {
    if (latencyMs <= 0 || tokensPerImage < 0) {
      throw new ConfigException("Cannot plan run " + source + ": --latency-ms must be positive and"
          + " --tokens-per-image not negative");
    }
  }

  /** Plans {@code run} and prints the table to {@code out}. */
  public void print(RunConfig run, PrintWriter out) {
    if (run.models().isEmpty()) {
      throw new ConfigException("Cannot plan run " + source + ": the config lists no models");
    }
    ComponentPreflight.Checked components = ComponentPreflight.check(run);
    Path scratch = scratch();
    try {
      SparkSession spark = SparkSessions.getOrCreate(localSpark(run), "mmsafety-plan");
      RunConfig staged = run.withRun(run.run().withOutput(scratch.toUri().toString()));
      // The date the run would have: its cache scope "run" admits answers of that date only.
      String date = run.run().runDate() != null ? run.run().runDate()
          : java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
      RunContext context =
          new RunContext(spark, staged, RUN_ID, date, scratch.toUri().toString().replaceAll("/$", ""), run.run().seed());
      EvalJobs jobs = EvalJobs.get(context);
      StageResult ingest = jobs.ingestCases().execute();
      StageResult attack = jobs.applyAttacks().input(context.tables().readRun(CasesTable.INSTANCE, RUN_ID)).execute();
      Dataset<Row> probes = context.tables().readRun(ProbesTable.INSTANCE, RUN_ID);
      long probeCount = probes.count();
      // The same request ids the run will compute: revisions as the servers report them (no model is called).
      List<ModelSpec> models =
          GenerateResponsesJob.withServerRevisions(run.models(), run.inference(), new java.util.ArrayList<>());
      Dataset<Row> work = InferencePlanner.work(spark, probes, models, run.defenses());
      Dataset<Row> admitted = InferencePlanner.admit(InferencePlanner.withRequestIds(work, models),
          InferencePlanner.cachedIds(spark, run.run().output(),
              new ResponseCache.Scope(date, run.inference().reusesAcrossRuns())), run.inference(), models);
      List<InferencePlanner.ModelPlan> plans = InferencePlanner.plan(admitted, run.models(), tokensPerImage);
      Stream.concat(ingest.summaryLines().stream().map(l -> "[ingest] " + l),
          attack.summaryLines().stream().map(l -> "[attack] " + l)).forEach(out::println);
      new PlanTable(run, latencyMs).print(out, source, probeCount, plans);
      printExtraCalls(out, run, components, plans);
      out.flush();
    } finally {
      delete(scratch);
    }
  }

  /** Guard and rewriter calls of defenses, and LLM/guard judge calls: upper bounds (one per response each). */
  private static void printExtraCalls(
      PrintWriter out, RunConfig run, ComponentPreflight.Checked components, List<InferencePlanner.ModelPlan> plans) {
    long responses = plans.stream().mapToLong(InferencePlanner.ModelPlan::requests).sum();
    long perDefense = responses / Math.max(1, run.defenses().size());
    for (DefenseSpec d : run.defenses()) {
      for (String model : Defenses.create(d).behaviour().models()) {
        out.printf("defense %s: up to %d calls to %s (one per request it guards, before the cache)%n", d.label(),
            perDefense, model);
      }
    }
    for (EndpointPreflight.Target judge : components.judgeModels().stream().distinct().toList()) {
      out.printf("%s: up to %d calls (one per response, before the judgment cache)%n", judge.label(), responses);
    }
  }

  /** Plans run on the driver: a cluster master is replaced by local Spark (reading datasets needs no cluster). */
  private static dev.mmsafety.udf.config.SparkSpec localSpark(RunConfig run) {
    String master = run.spark().master();
    return master.startsWith("local") ? run.spark() : run.spark().withMaster(dev.mmsafety.udf.config.SparkSpec.MASTER_DEFAULT);
  }

  private Path scratch() {
    try {
      return Files.createTempDirectory("mmsafety-plan-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan run " + source + ": no scratch folder: " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A scratch folder left in the temp dir is harmless.
    }
  }
}
