package dev.mmsafety.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 item 2: a FULL run (`EvalCli run --config`, the bundled samples, FigStep attack, simulated worker in
 * this JVM so its counters are readable) submitted through SparkSubmit to a standalone cluster of child JVMs; one
 * worker JVM is killed once inference is under way. The run completes, every table has each row once, and only
 * requests that were in flight on the killed executor reach the simulator twice.
 */
@Tag("cluster")
class TestClusterFullRunWorkerLoss extends SparkTestBase {
  private static final String RUN_DATE = "2026-01-20";
  /** In-flight window per task in the config below; one core per worker, so one task per executor. */
  private static final int WINDOW = 4;

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void fullRunCompletesWithEveryRowOnceWhenAWorkerDies(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    try (SimulatedWorker sim =
            SimulatedWorker.start(new SimulatorSpec(64, 150L, 0L, null, null, null, null, null), FullRunConfigs.SERVED);
        StandaloneCluster cluster = StandaloneCluster.start(dir, 2, Duration.ofSeconds(180))) {
      Path config = FullRunConfigs.write(dir, out, sim.baseUrl(), WINDOW, "cluster-run");
      ChildJvm driver =
          cluster.submit(
              "dev.mmsafety.jobs.cli.EvalCli",
              List.of("run", "--config", config.toString(), "--run-date", RUN_DATE),
              Map.of(
                  "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                  "spark.scheduler.maxRegisteredResourcesWaitingTime", "300s"));
      long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
      while (sim.counters().calls() < 12 && driver.isAlive() && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
      assertThat(sim.counters().calls()).as("inference started\n%s", cluster.logTails(40)).isGreaterThanOrEqualTo(12);
      cluster.workers().get(0).kill();

      int exit = driver.await(Duration.ofSeconds(420));
      assertThat(exit).as("driver exit code\n%s", cluster.logTails(80)).isZero();

      TableIO tables = new TableIO(spark(), out.toString(), RUN_DATE);
      Row run = tables.read(RunsTable.INSTANCE).first();
      assertThat(run.getString(run.fieldIndex("status"))).isEqualTo("succeeded");
      String runId = run.getString(run.fieldIndex("run_id"));
      long probes = tables.readRun(ProbesTable.INSTANCE, runId).count();
      Dataset<Row> responses = tables.readRun(ResponsesTable.INSTANCE, runId);
      assertThat(probes).isPositive();
      assertThat(responses.count()).isEqualTo(probes);
      assertThat(responses.select("response_id").distinct().count()).isEqualTo(probes);
      assertThat(tables.readRun(JudgmentsTable.INSTANCE, runId).count()).isEqualTo(probes);

      Map<String, Integer> calls = sim.counters().callsByRequestId();
      long twice = calls.values().stream().filter(n -> n > 1).count();
      assertThat(calls.values()).allMatch(n -> n <= 2);
      assertThat(twice).as("requests sent twice").isLessThanOrEqualTo(WINDOW);
      System.out.printf(
          "cluster full run with worker loss: probes=%d distinct-requests=%d calls=%d sent-twice=%d%n",
          probes, calls.size(), sim.counters().calls(), twice);
    }
  }


}
