package dev.mmsafety.jobs.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.Samples;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.TableContract;
import dev.mmsafety.schemas.Tables;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 item 4: a known API key, a full run with Spark event logging on and verbose logs, and the key in no
 * log line, table, event log or report; while the model server did receive it.
 */
class TestSecretsNeverLeak extends SparkTestBase {
  private static final String KEY_ENV = "MMSAFETY_SECRET_TEST_KEY";
  private static final String KEY = "sk-mmsafety-SECRET-7f3c9a11e2b64d0f";

  @TempDir Path dir;

  @Test
  @Timeout(480)
  void apiKeyReachesTheServerAndNothingElse() throws Exception {
    Path out = dir.resolve("out");
    Path events = dir.resolve("events");
    Files.createDirectories(events);
    Path log = dir.resolve("child.log");
    try (SimulatedWorker worker = SimulatedWorker.start(SimulatorSpec.DEFAULT, Map.of("sim-mllm", "text-aligned"))) {
      Path configFile = writeConfig(out, events, worker.baseUrl());
      int code =
          ChildJvm.runCli(
              Map.of(KEY_ENV, KEY),
              List.of("-Dlog4j2.configurationFile=" + logConfig()),
              log,
              420,
              "run", "--config", configFile.toString(), "--run-date", "2026-02-01");
      String childLog = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(code).as(childLog).isZero();
      assertThat(worker.counters().authorizedCalls()).as("the server got the key").isPositive();
      assertThat(childLog).contains("INFO").doesNotContain(KEY);
    }
    // Text files anywhere under the output root and the event logs.
    try (Stream<Path> files = Stream.concat(Files.walk(out), Files.walk(events))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(KEY);
      }
    }
    assertThat(Files.list(events).count()).as("event log written").isPositive();
    // Parquet pages may be compressed: read every table and look at every value.
    Map<String, Long> rowsPerTable = new HashMap<>();
    for (TableContract table : Tables.all()) {
      Path tableDir = out.resolve(table.name());
      if (!Files.exists(tableDir)) {
        continue;
      }
      var rows = spark().read().schema(table.schema()).parquet(tableDir.toString()).toJSON();
      rowsPerTable.put(table.name(), rows.count());
      assertThat(rows.filter((org.apache.spark.api.java.function.FilterFunction<String>) s -> s.contains(KEY)).count())
          .as(table.name())
          .isZero();
    }
    assertThat(rowsPerTable).containsKeys("responses", "runs");
    assertThat(rowsPerTable.get("responses")).isPositive();
    // The scan does see the config: the env var's NAME is recorded, its value is not.
    var runs = spark().read().parquet(out.resolve("runs").toString()).toJSON().collectAsList();
    assertThat(String.join("\n", runs)).contains(KEY_ENV);
  }

  private static Path logConfig() throws Exception {
    Path file = Files.createTempFile("log4j2-verbose", ".properties");
    Files.writeString(
        file,
        """
        rootLogger.level = info
        rootLogger.appenderRef.out.ref = out
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = %d %p %c: %m%n
        """);
    file.toFile().deleteOnExit();
    return file;
  }

  private Path writeConfig(Path out, Path events, String baseUrl) throws Exception {
    Path samplesConfig = Samples.extractTo(dir.resolve("samples"));
    String yaml = Files.readString(samplesConfig).replace("${out}", out.toString());
    RunConfig base = ConfigLoader.parse(yaml, samplesConfig.toString());
    ModelSpec sim = base.models().get(0);
    ModelSpec keyed = sim.with(b -> {
      b.endpoints = List.of(new EndpointSpec("sim-0", baseUrl, 64, true));
      b.apiKeyEnv = KEY_ENV;
    });
    Map<String, String> conf = new HashMap<>(base.spark().conf());
    conf.put("spark.eventLog.enabled", "true");
    conf.put("spark.eventLog.dir", events.toUri().toString());
    // Every stage runs, with the quickstart's datasets and attacks; the key belongs to the model under test, so
    // the guard defenses, the helper-backed judges and the offline classifier (slow to load) add nothing here.
    RunConfig config = base.withSpark(new SparkSpec("local[2]", 2, conf)).withModels(List.of(keyed))
        .withDefenses(List.of(DefenseSpec.NONE))
        .withJudges(List.of(base.judges().get(0)))
        .withHelpers(List.of());
    Path file = dir.resolve("secret-run.json");
    Files.writeString(file, ConfigLoader.toJson(config));
    return file;
  }
}
