package dev.mmsafety.jobs.io;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Spark settings that an output root on an object store needs. For {@code s3a://} roots this selects the S3A
 * magic committer: tasks write multipart uploads that only become visible when the job commits, so readers never
 * see half-written partitions and no rename (a copy on S3) happens. Needs {@code hadoop-aws} and {@code
 * spark-hadoop-cloud} on the cluster's class path (the job image ships them; the shaded jar does not).
 *
 * <p>Precedence: a key the user set (in the run config's {@code spark.conf} or with {@code spark-submit --conf})
 * wins over these; callers apply these first and user settings after, or use {@link #applyTo(SparkSession,
 * String)}, which skips keys already in the session's SparkConf. Credentials are never set here: S3A finds them
 * through its standard providers (environment, credential files, instance or pod identity).
 */
public final class ObjectStoreConf {
  public static final String S3A_SCHEME = "s3a";
  public static final String COMMITTER_NAME = "magic";
  public static final String COMMIT_PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
  public static final String PARQUET_COMMITTER =
      "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";
  static final String S3A_COMMITTER_FACTORY = "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory";
  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private ObjectStoreConf() {}

  /** True when {@code uri} is an {@code s3a://} location. */
  public static boolean isS3a(String uri) {
    return uri != null && uri.toLowerCase(Locale.ROOT).startsWith(S3A_SCHEME + "://");
  }

  /** The bucket of an {@code s3a://bucket/...} location. */
  public static String bucket(String s3aUri) {
    String host = URI.create(s3aUri).getHost();
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("Invalid s3a location: " + s3aUri);
    }
    return host;
  }

  /** Spark conf entries (ordered) the output root needs; empty for local, HDFS and other roots. */
  public static Map<String, String> forOutputRoot(String outputRoot) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (!isS3a(outputRoot)) {
      return conf;
    }
    conf.put("spark.hadoop.fs.s3a.committer.name", COMMITTER_NAME);
    conf.put("spark.hadoop.fs.s3a.committer.magic.enabled", "true");
    conf.put("spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a", S3A_COMMITTER_FACTORY);
    conf.put("spark.sql.sources.commitProtocolClass", COMMIT_PROTOCOL);
    conf.put("spark.sql.parquet.output.committer.class", PARQUET_COMMITTER);
    // The S3A committers reject dynamic partition overwrite; TableIO writes each partition path explicitly.
    conf.put("spark.sql.sources.partitionOverwriteMode", "static");
    return conf;
  }

  /**
   * Puts {@link #forOutputRoot} into a builder, except keys already given to spark-submit ({@code --conf}); apply
   * the run config's own settings after this so they win too.
   */
  public static SparkSession.Builder applyTo(SparkSession.Builder builder, String outputRoot) {
    SparkConf submitted = new SparkConf();
    forOutputRoot(outputRoot).forEach((k, v) -> {
      if (!submitted.contains(k)) {
        builder.config(k, v);
      }
    });
    return builder;
  }

  /**
   * Applies {@link #forOutputRoot} to a running session (SQL conf and its Hadoop configuration), skipping keys the
   * user set in the SparkConf. Returns the entries applied.
   */
  public static Map<String, String> applyTo(SparkSession spark, String outputRoot) {
    SparkConf userConf = spark.sparkContext().getConf();
    Map<String, String> applied = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : forOutputRoot(outputRoot).entrySet()) {
      if (userConf.contains(e.getKey())) {
        continue;
      }
      if (e.getKey().startsWith(HADOOP_PREFIX)) {
        spark.sparkContext().hadoopConfiguration().set(e.getKey().substring(HADOOP_PREFIX.length()), e.getValue());
      } else {
        spark.conf().set(e.getKey(), e.getValue());
      }
      applied.put(e.getKey(), e.getValue());
    }
    return applied;
  }
}
