package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestPreflight {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  @ParameterizedTest
  @ValueSource(strings = {"local", "local[2]", "local[*]", "local[4,3]", "local-cluster[2,1,1024]", "yarn"})
  void acceptsWellFormedMastersThatNeedNoServer(String master) {
    assertThatCode(() -> Preflight.checkMaster(master, TIMEOUT)).doesNotThrowAnyException();
  }

  static Stream<Arguments> malformedMasters() {
    return Stream.of(
        Arguments.of("sparkk://127.0.0.1:7077"),
        Arguments.of("local[0]"),
        Arguments.of("spark://127.0.0.1"),
        Arguments.of("mesos://127.0.0.1:5050"),
        Arguments.of(""));
  }

  @ParameterizedTest
  @MethodSource("malformedMasters")
  void namesAMalformedMaster(String master) {
    assertThatThrownBy(() -> Preflight.checkMaster(master, TIMEOUT))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "Cannot use master URL '" + master
                + "': expected local[N], spark://host:port, yarn or k8s://https://host:port");
  }

  @Test
  void namesAStandaloneMasterNobodyListensOn() throws IOException {
    int port = closedPort();
    assertThatThrownBy(() -> Preflight.checkMaster("spark://127.0.0.1:" + port, TIMEOUT))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot reach Spark master spark://127.0.0.1:" + port + ": 127.0.0.1:" + port
            + " connection refused");
  }

  @Test
  void acceptsALiveMasterOfAnHaList() throws IOException {
    int dead = closedPort();
    try (ServerSocket live = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String master = "spark://127.0.0.1:" + dead + ",127.0.0.1:" + live.getLocalPort();
      assertThatCode(() -> Preflight.checkMaster(master, TIMEOUT)).doesNotThrowAnyException();
    }
  }

  @Test
  void namesAnUnreachableKubernetesApiServer() throws IOException {
    int port = closedPort();
    assertThatThrownBy(() -> Preflight.checkMaster("k8s://https://127.0.0.1:" + port, TIMEOUT))
        .hasMessage("Cannot reach Kubernetes API server of master k8s://https://127.0.0.1:" + port
            + ": connection refused");
  }

  @Test
  void refusesS3WithoutCredentials() {
    // core-default.xml's provider list does not count as the user naming a provider
    Configuration conf = new Configuration();
    assertThatThrownBy(() -> Preflight.checkCredentials(conf, "b", "s3a://b/out", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use s3a://b/out: no AWS credentials found (set AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY, or name a provider in spark.hadoop.fs.s3a.aws.credentials.provider)");
    assertThatThrownBy(
            () -> Preflight.checkCredentials(conf, "b", "s3a://b/out", Map.of("AWS_ACCESS_KEY_ID", "only-id")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot use s3a://b/out: no AWS credentials found");
  }

  @Test
  void acceptsEnvironmentCredentialsOrANamedProvider() {
    Configuration conf = new Configuration();
    assertThatCode(
            () -> Preflight.checkCredentials(
                conf, "b", "s3a://b/out", Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s")))
        .doesNotThrowAnyException();
    Configuration named = new Configuration();
    named.set("fs.s3a.bucket.b.aws.credentials.provider", "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider");
    assertThatCode(() -> Preflight.checkCredentials(named, "b", "s3a://b/out", Map.of())).doesNotThrowAnyException();
  }

  @Test
  void objectStoreChecksIgnoreOtherSchemes() {
    assertThatCode(() -> Preflight.checkObjectStore(new Configuration(), "/data/out", Map.of(), TIMEOUT))
        .doesNotThrowAnyException();
    assertThatCode(() -> Preflight.checkObjectStore(new Configuration(), "hdfs://nn:8020/out", Map.of(), TIMEOUT))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesSecretsInSparkConf() {
    assertThatThrownBy(
            () -> Preflight.checkNoSecrets(
                Map.of("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000",
                    "spark.hadoop.fs.s3a.secret.key", "x"), "run.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use config run.yaml: spark.conf.spark.hadoop.fs.s3a.secret.key holds a secret;"
            + " pass credentials through the environment or a credential provider");
    assertThatCode(() -> Preflight.checkNoSecrets(Map.of("spark.sql.shuffle.partitions", "8"), "run.yaml"))
        .doesNotThrowAnyException();
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
