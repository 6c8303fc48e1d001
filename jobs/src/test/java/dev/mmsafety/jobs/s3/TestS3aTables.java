package dev.mmsafety.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.cluster.ResponseRows;
import dev.mmsafety.jobs.io.ObjectStoreConf;
import dev.mmsafety.jobs.io.OutputRootGuard;
import dev.mmsafety.jobs.io.Preflight;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tables written and read back through TableIO on s3a:// against S3Proxy on loopback, with the S3A magic
 * committer. Credentials reach S3A only through a standard provider (Java system properties here, the
 * environment on a cluster), never through a config key.
 */
@Tag("s3") // infrastructure test (S3Proxy): select or skip with -Dgroups / -DexcludedGroups
class TestS3aTables extends SparkTestBase {
  private static final String BUCKET = "mmsafety-test";
  private static final String ROOT = "s3a://" + BUCKET + "/out";
  private static final String RUN_DATE = "2026-01-15";
  private static final String SYSTEM_PROPERTY_PROVIDER =
      "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider";

  private static S3ProxyServer s3;
  private static final Map<String, String> hadoopSettings = new HashMap<>();
  private static Map<String, String> sessionSettings = Map.of();

  @BeforeAll
  static void startS3() throws Exception {
    s3 = S3ProxyServer.start(BUCKET);
    System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    hadoopSettings.put("fs.s3a.endpoint", s3.endpoint());
    hadoopSettings.put("fs.s3a.endpoint.region", "us-east-1");
    hadoopSettings.put("fs.s3a.path.style.access", "true");
    hadoopSettings.put("fs.s3a.connection.ssl.enabled", "false");
    hadoopSettings.put("fs.s3a.aws.credentials.provider", SYSTEM_PROPERTY_PROVIDER);
    // fail fast instead of S3A's default minutes of retries if S3Proxy misbehaves
    hadoopSettings.put("fs.s3a.attempts.maximum", "2");
    hadoopSettings.put("fs.s3a.retry.limit", "2");
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    hadoopSettings.forEach(conf::set);
    sessionSettings = ObjectStoreConf.applyTo(spark(), ROOT);
  }

  @AfterAll
  static void stopS3() throws Exception {
    // the session is shared with other test classes: put its settings back
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    FileSystem.get(URI.create(ROOT), conf).close();
    hadoopSettings.keySet().forEach(conf::unset);
    for (String key : sessionSettings.keySet()) {
      if (key.startsWith("spark.hadoop.")) {
        conf.unset(key.substring("spark.hadoop.".length()));
      } else {
        spark().conf().unset(key);
      }
    }
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void writesAndReadsBackTablesWithTheMagicCommitter() throws Exception {
    // Spark 4 already defaults to these when spark-hadoop-cloud is on the class path; either way they hold
    assertThat(spark().conf().get("spark.sql.sources.commitProtocolClass")).isEqualTo(ObjectStoreConf.COMMIT_PROTOCOL);
    assertThat(spark().conf().get("spark.sql.parquet.output.committer.class"))
        .isEqualTo(ObjectStoreConf.PARQUET_COMMITTER);
    assertThat(spark().sparkContext().hadoopConfiguration().get("fs.s3a.committer.name")).isEqualTo("magic");
    Preflight.checkObjectStore(hadoopConf(), ROOT, Map.of(), Duration.ofSeconds(2));
    OutputRootGuard.claim(spark(), ROOT);
    TableIO io = new TableIO(spark(), ROOT, RUN_DATE);

    io.write(responses("run-1", 40), ResponsesTable.INSTANCE);
    // a second run of the same night replaces the partition instead of adding to it
    io.write(responses("run-2", 30), ResponsesTable.INSTANCE);

    Dataset<Row> back = io.read(ResponsesTable.INSTANCE);
    assertThat(back.count()).isEqualTo(30);
    assertThat(back.select(SharedColumns.RESPONSE_ID.name()).distinct().count()).isEqualTo(30);
    assertThat(back.where(SharedColumns.RUN_ID.name() + " = 'run-2'").count()).isEqualTo(30);
    assertThat(back.select(SharedColumns.MODEL.name()).distinct().count()).isEqualTo(2);

    FileSystem fs = FileSystem.get(URI.create(ROOT), hadoopConf());
    // the S3A committers write a JSON manifest as _SUCCESS naming the committer; the classic one writes 0 bytes
    String success = read(fs, new Path(io.partitionPath(ResponsesTable.INSTANCE) + "/_SUCCESS"));
    assertThat(success).contains("\"committer\":\"magic\"");
    List<String> keys = allKeys();
    assertThat(keys).noneMatch(k -> k.contains("__magic"));
    assertThat(keys).anyMatch(k -> k.endsWith(".parquet") && k.contains("model=m-1"));
    assertThat(keys).contains("out/" + OutputRootGuard.MARKER);
    for (String key : keys) {
      assertThat(read(fs, new Path("s3a://" + BUCKET + "/" + key))).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
  }

  /** Issue #7 item 3: a full run (bundled samples, simulated worker) with its output root on s3a://. */
  @Test
  void aFullRunWritesEveryTableToS3AndReadsThemBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String root = "s3a://" + BUCKET + "/full-run";
    java.nio.file.Path samples = dev.mmsafety.jobs.Samples.extractTo(dir.resolve("samples"));
    dev.mmsafety.udf.config.RunConfig config =
        dev.mmsafety.udf.config.ConfigLoader.parse(
            java.nio.file.Files.readString(samples).replace("${out}", root), samples.toString());
    java.io.StringWriter printed = new java.io.StringWriter();
    dev.mmsafety.jobs.EvaluationPipeline.Result result =
        new dev.mmsafety.jobs.EvaluationPipeline("run", new java.io.PrintWriter(printed), java.time.Clock.systemUTC())
            .run(config, samples.toString());
    TableIO tables = new TableIO(spark(), root, result.runDate());
    for (String table : List.of("cases", "probes", "image_lineage", "responses", "judgments", "metrics", "runs")) {
      long rows = tables.readRun(dev.mmsafety.schemas.Tables.byName(table), result.runId()).count();
      assertThat(rows).as(table).isPositive();
    }
    FileSystem fs = FileSystem.get(URI.create(root), spark().sparkContext().hadoopConfiguration());
    assertThat(fs.exists(new Path(root + "/report.html"))).isTrue();
    assertThat(fs.exists(new Path(root + "/_mmsafety"))).isTrue();
    assertThat(printed.toString()).doesNotContain(S3ProxyServer.SECRET_KEY);
  }

  @Test
  void refusesAForeignRootOnS3() throws Exception {
    FileSystem fs = FileSystem.get(URI.create(ROOT), hadoopConf());
    try (var out = fs.create(new Path("s3a://" + BUCKET + "/foreign/data.csv"))) {
      out.write("a,b\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> OutputRootGuard.claim(spark(), "s3a://" + BUCKET + "/foreign"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot use output root s3a://" + BUCKET + "/foreign: it is not empty and has no _mmsafety marker"
                + " (not written by mmsafety)");
  }

  @Test
  void preflightNamesAnUnreachableEndpoint() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Configuration conf = hadoopConf();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> Preflight.checkObjectStore(conf, ROOT, Map.of(), Duration.ofSeconds(2)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot reach S3 endpoint 127.0.0.1:" + closedPort + " for " + ROOT + ": connection refused");
  }

  private static Configuration hadoopConf() {
    return new Configuration(spark().sparkContext().hadoopConfiguration());
  }

  private static Dataset<Row> responses(String runId, int n) {
    List<Row> rows = new ArrayList<>();
    IntStream.range(0, n)
        .forEach(i -> rows.add(ResponseRows.ok(runId, RUN_DATE, "m-" + (i % 2), "p" + i, "answer " + i, 1)));
    return spark().createDataFrame(rows, ResponsesTable.INSTANCE.schema()).repartition(3);
  }

  private static List<String> allKeys() {
    List<String> keys = new ArrayList<>();
    for (StorageMetadata m : s3.blobStore().list(BUCKET, ListContainerOptions.Builder.recursive())) {
      keys.add(m.getName());
    }
    return keys;
  }

  private static String read(FileSystem fs, Path path) throws IOException {
    if (fs.getFileStatus(path).isDirectory()) {
      return "";
    }
    try (InputStream in = fs.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

}
