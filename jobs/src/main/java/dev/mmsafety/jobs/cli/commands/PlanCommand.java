package dev.mmsafety.jobs.cli.commands;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.spark.InferencePlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan --config FILE}: what the inference stage would cost, before anything is called. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Print requests per model, estimated tokens and time, and expected cache hits for a run's"
        + " probes, without calling any model.",
    footer = "%nExample:%n  ./mmsafety plan --config nightly.yaml --throughput 320")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config (YAML).")
  Path config;

  @Option(names = "--throughput", paramLabel = "REQ_PER_S", defaultValue = "320",
      description = "Requests per second assumed for the time estimate (default: ${DEFAULT-VALUE}).")
  double throughput;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Probes partition to plan (default: run.run-date, else the latest).")
  String runDate;

  @Option(names = "--tokens-per-image", defaultValue = "" + InferencePlanner.TOKENS_PER_IMAGE_DEFAULT,
      description = "Prompt tokens counted per image (default: ${DEFAULT-VALUE}).")
  int tokensPerImage;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (throughput <= 0) {
        throw new ConfigException("Cannot plan run " + config + ": --throughput must be positive");
      }
      RunConfig run = ConfigLoader.load(config);
      SparkSession spark = SparkSessions.getOrCreate(run.spark(), "mmsafety-plan");
      Dataset<Row> probes = probes(spark, run);
      long probeCount = probes.count();
      Dataset<Row> work = InferencePlanner.work(spark, probes, run.models(), run.defenses());
      Dataset<Row> admitted = InferencePlanner.admit(InferencePlanner.withRequestIds(work, run.models()),
          InferencePlanner.cachedIds(spark, run.run().output()), run.inference(), run.models());
      print(out, probeCount, run, InferencePlanner.plan(admitted, run.models(), tokensPerImage));
      return 0;
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
  }

  private Dataset<Row> probes(SparkSession spark, RunConfig run) {
    if (run.models().isEmpty()) {
      throw new ConfigException("Cannot plan run " + config + ": the config lists no models");
    }
    String table = run.run().output() + "/" + ProbesTable.INSTANCE.name();
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(table);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new ConfigException("Cannot plan run " + config + ": no probes table at " + table
            + " (run the stages up to attacks first)");
      }
    } catch (java.io.IOException e) {
      throw new ConfigException("Cannot plan run " + config + ": " + table + ": " + e.getMessage());
    }
    Dataset<Row> all = new TableIO(spark, run.run().output(), "unused").read(ProbesTable.INSTANCE);
    String date = runDate != null ? runDate : run.run().runDate();
    if (date == null) {
      Row latest = all.agg(max(col(SharedColumns.RUN_DATE.name()))).first();
      date = latest.isNullAt(0) ? null : latest.getString(0);
    }
    if (date == null) {
      throw new ConfigException("Cannot plan run " + config + ": probes table " + table + " is empty");
    }
    runDate = date;
    return all.where(col(SharedColumns.RUN_DATE.name()).equalTo(date));
  }

  private void print(PrintWriter out, long probes, RunConfig run, List<InferencePlanner.ModelPlan> plans) {
    out.printf(Locale.ROOT, "Plan for %s (probes of %s): %d probes x %d models x %d defenses%n", config, runDate,
        probes, run.models().size(), run.defenses().size());
    out.printf(Locale.ROOT, "%-24s %10s %10s %10s %12s %16s %18s %12s%n", "model", "requests", "cached", "to call",
        "over budget", "prompt tokens~", "completion tok <=", "time~");
    long requests = 0, cached = 0, toCall = 0, over = 0, prompt = 0, completion = 0;
    for (InferencePlanner.ModelPlan p : plans) {
      out.printf(Locale.ROOT, "%-24s %10d %10d %10d %12d %16d %18d %12s%n", p.model(), p.requests(), p.cached(),
          p.toCall(), p.overBudget(), p.estPromptTokens(), p.maxCompletionTokens(), duration(p.toCall()));
      requests += p.requests();
      cached += p.cached();
      toCall += p.toCall();
      over += p.overBudget();
      prompt += p.estPromptTokens();
      completion += p.maxCompletionTokens();
    }
    out.printf(Locale.ROOT, "%-24s %10d %10d %10d %12d %16d %18d %12s%n", "total", requests, cached, toCall, over,
        prompt, completion, duration(toCall));
    out.printf(Locale.ROOT, "Time assumes %.0f requests/s overall; defenses that call guard models add calls"
        + " not counted here.%n", throughput);
  }

  private String duration(long calls) {
    long s = Math.round(calls / throughput);
    return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s % 3600) / 60, s % 60);
  }
}
