package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.spark.InferencePlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the inference stage of a config would cost over its written probes, before any model is called: requests
 * per model, expected cache hits, calls over the budget, estimated tokens and time at an assumed request rate.
 *
 * @param source the config file, named in messages and the heading
 * @param runDate the probes partition to plan; null = run.run-date, else the latest partition
 * @param throughput requests per second assumed for the time estimate
 * @param tokensPerImage prompt tokens counted per image
 */
public record RunPlan(String source, String runDate, double throughput, int tokensPerImage) {
  public RunPlan {
    if (throughput <= 0) {
      throw new ConfigException("Cannot plan run " + source + ": --throughput must be positive");
    }
  }

  /** Plans the probes of {@code run} and prints the table to {@code out}. */
  public void print(RunConfig run, PrintWriter out) {
    SparkSession spark = SparkSessions.getOrCreate(run.spark(), "mmsafety-plan");
    Dataset<Row> all = probes(spark, run);
    String date = probesDate(all, run);
    Dataset<Row> probes = all.where(col(SharedColumns.RUN_DATE.name()).equalTo(date));
    long probeCount = probes.count();
    // The same request ids the run will compute: revisions as the servers report them (no model is called).
    List<ModelSpec> models =
        GenerateResponsesJob.withServerRevisions(run.models(), run.inference(), new java.util.ArrayList<>());
    Dataset<Row> work = InferencePlanner.work(spark, probes, models, run.defenses());
    Dataset<Row> admitted = InferencePlanner.admit(InferencePlanner.withRequestIds(work, models),
        InferencePlanner.cachedIds(spark, run.run().output(),
            new ResponseCache.Scope(date, run.inference().reusesAcrossRuns())), run.inference(), models);
    print(out, run, date, probeCount, InferencePlanner.plan(admitted, run.models(), tokensPerImage));
  }

  private Dataset<Row> probes(SparkSession spark, RunConfig run) {
    if (run.models().isEmpty()) {
      throw new ConfigException("Cannot plan run " + source + ": the config lists no models");
    }
    String table = run.run().output() + "/" + ProbesTable.INSTANCE.name();
    try {
      Path path = new Path(table);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new ConfigException("Cannot plan run " + source + ": no probes table at " + table
            + " (run the stages up to attacks first)");
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot plan run " + source + ": " + table + ": " + e.getMessage());
    }
    return new TableIO(spark, run.run().output(), "unused").read(ProbesTable.INSTANCE);
  }

  private String probesDate(Dataset<Row> all, RunConfig run) {
    String date = runDate != null ? runDate : run.run().runDate();
    if (date == null) {
      Row latest = all.agg(max(col(SharedColumns.RUN_DATE.name()))).first();
      date = latest.isNullAt(0) ? null : latest.getString(0);
    }
    if (date == null) {
      throw new ConfigException("Cannot plan run " + source + ": probes table " + run.run().output() + "/"
          + ProbesTable.INSTANCE.name() + " is empty");
    }
    return date;
  }

  private void print(
      PrintWriter out, RunConfig run, String date, long probes, List<InferencePlanner.ModelPlan> plans) {
    out.printf(Locale.ROOT, "Plan for %s (probes of %s): %d probes x %d models x %d defenses%n", source, date,
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
