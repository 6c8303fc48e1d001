package dev.mmsafety.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 item 2: the driver of a FULL run (spark-submit, local[2], the bundled samples, simulated worker in this
 * JVM) is killed during inference and the same run is submitted again. Readers never see the aborted attempt's
 * responses, the second attempt completes, and it calls only for answers the first did not get: only requests in
 * flight at the kill reach the simulator twice.
 */
@Tag("cluster") // multi-JVM/infrastructure test: select or skip with -Dgroups / -DexcludedGroups
class TestDriverKillResume extends SparkTestBase {
  private static final int TASKS_AT_ONCE = 2; // local[2]
  private static final int WINDOW = 4; // in-flight requests per task
  private static final String RUN_DATE = "2026-01-15";

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void restartedRunResumesFromTheCacheAndReadersNeverSeeTheAbortedAttempt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    try (SimulatedWorker sim =
        SimulatedWorker.start(new SimulatorSpec(64, 100L, 0L, null, null, null, null, null), FullRunConfigs.SERVED)) {
      Path config = FullRunConfigs.write(dir, out, sim.baseUrl(), WINDOW, "resume-run");
      ChildJvm first = submit(dir, "driver-first", config);
      long callsAtKill;
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (sim.counters().calls() < 30 && first.isAlive() && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        assertThat(sim.counters().calls()).as("first attempt calling\n%s", first.logTail(40)).isGreaterThanOrEqualTo(30);
      } finally {
        first.kill();
        callsAtKill = sim.counters().calls();
      }
      assertThat(committedDataFiles(out)).as("responses of the aborted attempt visible to readers").isEmpty();

      ChildJvm second = submit(dir, "driver-second", config);
      int exit = second.await(Duration.ofSeconds(400));
      assertThat(exit).as("second attempt exit code\n%s", second.logTail(60)).isZero();

      Map<String, Integer> calls = sim.counters().callsByRequestId();
      long twice = calls.values().stream().filter(n -> n > 1).count();
      long total = sim.counters().calls();
      TableIO tables = new TableIO(spark(), out.toString(), RUN_DATE);
      Dataset<Row> runs = tables.read(RunsTable.INSTANCE);
      assertThat(runs.count()).as("only the finished attempt recorded a run").isEqualTo(1);
      String runId = runs.first().getString(runs.first().fieldIndex("run_id"));
      Dataset<Row> rows = tables.readRun(ResponsesTable.INSTANCE, runId);
      long probes = tables.readRun(ProbesTable.INSTANCE, runId).count();
      long cacheHits = rows.where(ResponsesTable.CACHE_HIT.name()).count();
      System.out.printf("driver-kill resume (full run): probes=%d calls-before-kill=%d calls=%d sent-twice=%d "
          + "cache-hits-after-restart=%d%n", probes, callsAtKill, total, twice, cacheHits);
      assertThat(rows.count()).isEqualTo(probes);
      assertThat(rows.select(SharedColumns.PROBE_ID.name()).distinct().count()).isEqualTo(probes);
      assertThat(calls.values()).allMatch(n -> n <= 2);
      assertThat(twice).as("in-flight calls at the kill, sent again").isLessThanOrEqualTo(TASKS_AT_ONCE * WINDOW);
      assertThat(total).isEqualTo(calls.size() + twice);
      // answers the first attempt got are reused, not requested again
      assertThat(cacheHits).isGreaterThanOrEqualTo(callsAtKill - TASKS_AT_ONCE * WINDOW);
    }
  }



  private static ChildJvm submit(Path dir, String name, Path config) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--master", "local[" + TASKS_AT_ONCE + "]", "--deploy-mode", "client",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--class", "dev.mmsafety.jobs.cli.EvalCli", "spark-internal",
        "run", "--config", config.toString(), "--run-date", RUN_DATE));
    return ChildJvm.start(name, "1g", "org.apache.spark.deploy.SparkSubmit", args, dir.resolve("logs"));
  }

  /** Parquet files a reader would see: outside Spark's _temporary staging folders. */
  private static List<Path> committedDataFiles(Path out) throws IOException {
    Path table = out.resolve(ResponsesTable.INSTANCE.name());
    if (!Files.exists(table)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(table)) {
      return files
          .filter(p -> p.toString().endsWith(".parquet"))
          .filter(p -> !table.relativize(p).toString().contains("_temporary"))
          .toList();
    }
  }
}
