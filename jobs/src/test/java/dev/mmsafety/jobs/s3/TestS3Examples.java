package dev.mmsafety.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.Samples;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The two S3 examples of deploy/examples run against S3Proxy started as docs/deploy.md describes ({@link LocalS3},
 * what {@code ./mmsafety s3proxy} runs), on a free port instead of 9000: run-s3proxy.yaml as shipped (endpoint
 * port aside), run-nightly.yaml with its datasets uploaded to the proxy (the bundled FigStep and MM-SafetyBench
 * samples, the shipped XSTest sample) and its vLLM endpoint replaced by the simulator. Tiny limits.
 */
@Tag("s3")
class TestS3Examples extends SparkTestBase {
  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  private static final String ACCESS = "examples-access";
  private static final String SECRET = "examples-secret-5d1e";
  private static final String SYSTEM_PROPERTY_PROVIDER =
      "software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider";
  private static LocalS3 s3;
  private static final Map<String, String> hadoopSettings = new HashMap<>();

  @BeforeAll
  static void startS3() throws Exception {
    s3 = LocalS3.start(0, ACCESS, SECRET, List.of("mmsafety-test", "mmsafety-datasets", "mmsafety-results"));
    System.setProperty("aws.accessKeyId", ACCESS);
    System.setProperty("aws.secretAccessKey", SECRET);
    hadoopSettings.put("fs.s3a.endpoint", s3.endpoint());
    hadoopSettings.put("fs.s3a.endpoint.region", "us-east-1");
    hadoopSettings.put("fs.s3a.path.style.access", "true");
    hadoopSettings.put("fs.s3a.connection.ssl.enabled", "false");
    hadoopSettings.put("fs.s3a.aws.credentials.provider", SYSTEM_PROPERTY_PROVIDER);
    hadoopSettings.put("fs.s3a.attempts.maximum", "2");
    hadoopSettings.put("fs.s3a.retry.limit", "2");
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    hadoopSettings.forEach(conf::set);
  }

  @AfterAll
  static void stopS3() throws Exception {
    Configuration conf = spark().sparkContext().hadoopConfiguration();
    for (String bucket : List.of("mmsafety-test", "mmsafety-datasets", "mmsafety-results")) {
      FileSystem.get(URI.create("s3a://" + bucket + "/"), conf).close();
    }
    hadoopSettings.keySet().forEach(conf::unset);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (s3 != null) {
      s3.close();
    }
  }

  /** The example's spark.conf with the S3 endpoint moved to the proxy's port. */
  private static RunConfig onProxy(RunConfig config) {
    Map<String, String> conf = new LinkedHashMap<>(config.spark().conf());
    conf.computeIfPresent("spark.hadoop.fs.s3a.endpoint", (k, v) -> s3.endpoint());
    return config.withSpark(config.spark().withConf(conf).withPartitions(2));
  }

  private static EvaluationPipeline.Result run(String command, RunConfig config, String source) {
    StringWriter printed = new StringWriter();
    EvaluationPipeline.Result result =
        new EvaluationPipeline(command, new PrintWriter(printed), Clock.systemUTC()).run(config, source);
    assertThat(printed.toString()).doesNotContain(SECRET);
    return result;
  }

  private static boolean exists(String uri) throws Exception {
    return FileSystem.get(URI.create(uri), spark().sparkContext().hadoopConfiguration())
        .exists(new org.apache.hadoop.fs.Path(uri));
  }

  @Test
  void runS3ProxyRunsAsShipped() throws Exception {
    Path example = REPO.resolve("deploy/examples/run-s3proxy.yaml");
    RunConfig shipped = ConfigLoader.load(example);
    assertThat(shipped.spark().conf()).containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    RunConfig config = onProxy(shipped.withDatasets(shipped.datasets().stream()
        .map(d -> new DatasetSpec(d.name(), d.benchmark(), REPO.resolve(d.path()).toString(), d.limit(), d.options()))
        .toList()));
    EvaluationPipeline.Result result = run("run", config, example.toString());
    assertThat(result.outputRoot()).isEqualTo("s3a://mmsafety-test/out");
    assertThat(result.counts()).containsEntry("ingest.cases", 8L);
    long responses = new TableIO(spark(), result.outputRoot(), result.runDate())
        .readRun(ResponsesTable.INSTANCE, result.runId()).count();
    assertThat(responses).isEqualTo(8);
    assertThat(exists("s3a://mmsafety-test/out/report.html")).isTrue();
  }

  @Test
  void runNightlyRunsOnS3AgainstTheSimulator() throws Exception {
    Path samples = Samples.extractTo(Files.createTempDirectory("mmsafety-samples")).getParent();
    s3.upload(samples.resolve("figstep"), "mmsafety-datasets", "figstep");
    s3.upload(samples.resolve("mm-safetybench"), "mmsafety-datasets", "mm-safetybench");
    s3.upload(REPO.resolve("deploy/examples/datasets/xstest-sample"), "mmsafety-datasets", "xstest");
    Path example = REPO.resolve("deploy/examples/run-nightly.yaml");
    RunConfig shipped = ConfigLoader.load(example);
    RunConfig config = onProxy(shipped
        .withDatasets(shipped.datasets().stream()
            .map(d -> new DatasetSpec(d.name(), d.benchmark(), d.path(), 3, d.options())).toList())
        .withModels(shipped.models().stream()
            .map(m -> m.with(b -> b.endpoints = List.of(
                new EndpointSpec(m.endpoints().get(0).name(), EndpointSpec.SIMULATOR_URL, 8, null))))
            .toList()));
    EvaluationPipeline.Result result = run(EvaluationPipeline.NIGHTLY, config, example.toString());
    assertThat(result.outputRoot()).isEqualTo("s3a://mmsafety-results/nightly");
    assertThat(result.counts())
        .containsEntry("ingest.cases:figstep", 3L).containsEntry("ingest.cases:mm-safetybench", 3L)
        .containsEntry("ingest.cases:xstest", 3L);
    assertThat(exists("s3a://mmsafety-results/nightly/report.html")).isTrue();
  }
}
