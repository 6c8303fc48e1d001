package dev.mmsafety.jobs;

import dev.mmsafety.jobs.io.ObjectStoreConf;
import dev.mmsafety.udf.config.SparkSpec;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the session: under spark-submit the master comes from there; run locally, from the config. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(SparkSpec spec, String appName) {
    return getOrCreate(spec, appName, null);
  }

  /**
   * As {@link #getOrCreate(SparkSpec, String)}, plus the settings the output root needs (S3A committers for
   * s3a://, see {@link ObjectStoreConf}); the config's own spark.conf entries still win.
   */
  public static SparkSession getOrCreate(SparkSpec spec, String appName, String outputRoot) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (!conf.contains("spark.master")) {
      builder.master(spec.master());
      if (spec.master().startsWith("local")) {
        builder
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", String.valueOf(spec.partitions()));
      }
    }
    // A retried or speculative inference task must not re-call models; the response cache covers retries.
    builder.config("spark.speculation", "false");
    builder.config("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    ObjectStoreConf.applyTo(builder, outputRoot);
    for (Map.Entry<String, String> e : spec.conf().entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    return builder.getOrCreate();
  }
}
