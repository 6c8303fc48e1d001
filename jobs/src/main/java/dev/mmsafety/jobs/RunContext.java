package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.udf.config.RunConfig;
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

  public TableIO tables() {
    return new TableIO(spark, outputRoot, runDate);
  }

  public int partitions() {
    return config.spark().partitions();
  }
}
