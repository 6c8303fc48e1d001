package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.udf.config.RunConfig;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * What every job of one run shares: the session, the resolved config (simulator endpoints already resolved to
 * loopback URLs), the run's identity and where tables go. Lives on the driver only.
 *
 * @param runId unique id of this run attempt (differs between two runs of the same config)
 * @param runDate logical date YYYY-MM-DD, the partition every table is written under
 * @param outputRoot output root URI without trailing slash
 */
public record RunContext(
    SparkSession spark, RunConfig config, String runId, String runDate, String outputRoot, long seed) {

  /**
   * The context of one stage run on its own (ingest, import-responses, judge) rather than by the pipeline: a
   * session named after the stage, run id {@code <stage>-<uuid>}, run.run-date or else today (UTC), and
   * run.output without a trailing slash.
   */
  public static RunContext standalone(String stage, RunConfig config) {
    SparkSession spark = SparkSessions.getOrCreate(config.spark(), "mmsafety-" + stage);
    String date = config.run().runDate() != null ? config.run().runDate() : LocalDate.now(ZoneOffset.UTC).toString();
    String output = config.run().output();
    String root = output.endsWith("/") ? output.substring(0, output.length() - 1) : output;
    return new RunContext(spark, config, stage + "-" + UUID.randomUUID(), date, root, config.run().seed());
  }

  public RunContext withConfig(RunConfig value) {
    return new RunContext(spark, value, runId, runDate, outputRoot, seed);
  }

  public TableIO tables() {
    return new TableIO(spark, outputRoot, runDate);
  }

  /**
   * Runs {@code body} with the Spark jobs it starts under one named job group (how the Spark UI shows a stage),
   * clearing the group afterwards however it ends.
   */
  public <T> T inJobGroup(String group, String description, Supplier<T> body) {
    spark.sparkContext().setJobGroup(group, description, false);
    try {
      return body.get();
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  public int partitions() {
    return config.spark().partitions();
  }
}
