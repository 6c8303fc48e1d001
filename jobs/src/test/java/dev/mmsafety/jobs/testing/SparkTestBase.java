package dev.mmsafety.jobs.testing;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession per test JVM (session start costs seconds), UI off, loopback only. Test classes extend
 * this and never stop the session.
 */
public abstract class SparkTestBase {
  private static SparkSession session;

  protected static synchronized SparkSession spark() {
    if (session == null) {
      session =
          SparkSession.builder()
              .master("local[2]")
              .appName("mmsafety-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.speculation", "false")
              .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
              .getOrCreate();
    }
    return session;
  }

  /** A context for one job test: config from YAML text, output under {@code out}. */
  protected static RunContext context(String yaml, Path out, String runId) {
    RunConfig config = ConfigLoader.parse(yaml.replace("${out}", out.toString()), "test-config");
    return new RunContext(spark(), config, runId, "2026-01-15", out.toString(), config.run().seed());
  }
}
