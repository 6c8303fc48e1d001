package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two entry points the CLI calls around session creation, on whole run configs. */
class TestPreflightForRun extends SparkTestBase {
  private static RunConfig config(String output, String master) {
    return ConfigLoader.parse(
        "run: {output: '" + output + "'}\n"
            + "spark: {master: '" + master + "'}\n"
            + "datasets: [{name: d, benchmark: generic, path: /data/d}]\n",
        "run.yaml");
  }

  @Test
  void beforeSessionNamesAnUnreachableMaster() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RunConfig config = config("/tmp/out", "spark://127.0.0.1:" + port);
    assertThatThrownBy(() -> Preflight.beforeSession(config, "run.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot reach Spark master spark://127.0.0.1:" + port);
  }

  @Test
  void beforeSessionRefusesSecretsInTheConfig() {
    RunConfig config =
        ConfigLoader.parse(
            "run: {output: /tmp/out}\nspark: {conf: {spark.hadoop.fs.s3a.access.key: AKIAEXAMPLE}}\n"
                + "datasets: [{name: d, benchmark: generic, path: /data/d}]\n",
            "run.yaml");
    assertThatThrownBy(() -> Preflight.beforeSession(config, "run.yaml"))
        .hasMessageStartingWith("Cannot use config run.yaml: spark.conf.spark.hadoop.fs.s3a.access.key holds a secret");
  }

  @Test
  void afterSessionClaimsTheOutputRootOrRefusesAForeignOne(@TempDir Path dir) throws IOException {
    Path ours = dir.resolve("ours");
    Preflight.afterSession(spark(), config(ours.toString(), "local[2]"));
    assertThat(ours.resolve(OutputRootGuard.MARKER)).exists();

    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "not ours");
    assertThatThrownBy(() -> Preflight.afterSession(spark(), config(foreign.toString(), "local[2]")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot use output root " + foreign + ": it is not empty");
  }
}
