package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimImage;
import dev.mmsafety.udf.sim.SimProfile;
import dev.mmsafety.udf.sim.SimProfiles;
import dev.mmsafety.udf.sim.SimRequest;
import dev.mmsafety.udf.spark.InferenceTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestGenerateResponsesJob extends SparkTestBase {
  private static final SimulatorSpec SIM = new SimulatorSpec(8, 5L, 5L, null, null, null, null, null);

  private static GenerateResponsesJob.Result run(SimulatedWorker sim, Path out, String runId, String inference,
      Dataset<Row> probes) {
    return run(sim, out, runId, inference, probes, new ArrayList<>());
  }

  private static GenerateResponsesJob.Result run(SimulatedWorker sim, Path out, String runId, String inference,
      Dataset<Row> probes, List<String> progress) {
    RunContext ctx = InferenceFixtures.resolved(
        context(InferenceFixtures.config("simulator", inference), out, runId), sim.baseUrl());
    return EvalJobs.get(ctx).generateResponses().input(probes).progressTo(progress::add).execute();
  }

  private static List<Row> rows(Path out, String runId) {
    RunContext ctx = context(InferenceFixtures.config("http://unused/v1", "window: 4"), out, runId);
    return ctx.tables().readRun(ResponsesTable.INSTANCE, runId).collectAsList();
  }

  @Test
  void answersEveryProbeThenAReRunMakesNoCalls(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path image = InferenceFixtures.png(dir);
    byte[] png = Files.readAllBytes(image);
    Dataset<Row> probes = InferenceFixtures.probes(spark(), 12, image);
    try (SimulatedWorker sim = SimulatedWorker.start(SIM)) {
      List<String> progress = new ArrayList<>();
      GenerateResponsesJob.Result first = run(sim, out, "run-1", "window: 4", probes, progress);
      assertThat(progress.get(progress.size() - 1)).startsWith("[generate-responses] 12/12 rows (100.0%)")
          .contains("12 http calls", "error rate 0.00%", "cache hits 0");
      // One line per change of the counts: no two lines repeat the same counts with another rate or ETA.
      assertThat(progress.stream().map(l -> l.replaceAll(", [0-9.]+ rows/s", "").replaceAll(", ETA .*", "")).toList())
          .doesNotHaveDuplicates();
      assertThat(first.counts()).containsEntry("responses", 12L).containsEntry("ok", 12L)
          .containsEntry("calls", 12L).containsEntry("cache_hits", 0L);
      assertThat(sim.counters().calls()).isEqualTo(12);
      assertThat(sim.counters().status(200)).isEqualTo(12);
      List<Row> written = rows(out, "run-1");
      assertThat(written).hasSize(12);
      for (Row r : written) {
        int item = Integer.parseInt(SharedColumns.CASE_ID.getString(r).split(":")[2]);
        String prompt = "Explain the steps shown, item " + item;
        SimRequest asked = new SimRequest("sim-model", "", prompt, null,
            item % 2 == 0 ? List.of(SimImage.of(png)) : List.of(), 64);
        assertThat(ResponsesTable.TEXT.getString(r))
            .isEqualTo(SimProfiles.create(SimProfile.TEXT_ALIGNED.id(), SIM).answer(asked).text());
        assertThat((Boolean) SharedColumns.SIMULATOR.get(r)).isTrue();
        assertThat(SharedColumns.MODEL.getString(r)).isEqualTo("sim-model");
        assertThat(SharedColumns.DEFENSE.getString(r)).isEqualTo("none");
        assertThat(SharedColumns.RUN_ID.getString(r)).isEqualTo("run-1");
        assertThat(ResponsesTable.ENDPOINT.getString(r)).isEqualTo("sim");
        assertThat((Integer) ResponsesTable.ATTEMPTS.get(r)).isEqualTo(1);
        assertThat((Integer) ResponsesTable.PROMPT_TOKENS.get(r)).isPositive();
        assertThat(ResponsesTable.GEN_PARAMS.getString(r)).isEqualTo("{\"max_tokens\":64,\"temperature\":0.0}");
      }
      // every request id reached the server exactly once
      assertThat(sim.counters().callsByRequestId()).hasSize(12).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

      GenerateResponsesJob.Result again = run(sim, out, "run-2", "window: 4", probes);
      assertThat(sim.counters().calls()).isEqualTo(12); // zero new calls
      assertThat(again.counts()).containsEntry("ok", 12L).containsEntry("cache_hits", 12L)
          .containsEntry("calls", 0L);
      assertThat(rows(out, "run-2")).allSatisfy(r -> {
        assertThat((Boolean) ResponsesTable.CACHE_HIT.get(r)).isTrue();
        assertThat((Integer) ResponsesTable.ATTEMPTS.get(r)).isZero();
      });
    }
  }

  @Test
  void aRunKilledMidwayResumesWithOnlyTheMissingCalls(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Dataset<Row> probes = InferenceFixtures.probes(spark(), 40, InferenceFixtures.png(dir));
    try (SimulatedWorker sim = SimulatedWorker.start(SIM)) {
      spark().sparkContext().setLocalProperty(InferenceTask.FAIL_AFTER_ROWS_PROPERTY, "5");
      try {
        assertThatThrownBy(() -> run(sim, out, "killed", "window: 4", probes))
            .hasStackTraceContaining("Injected task failure");
      } finally {
        spark().sparkContext().setLocalProperty(InferenceTask.FAIL_AFTER_ROWS_PROPERTY, null);
      }
      // answers in flight when the task failed are still cached (late files): wait until every answer is on disk
      // (the same count in two polls 100 ms apart: nothing is still on the wire)
      Map<String, ModelResponse> cached = new HashMap<>();
      long deadline = System.currentTimeMillis() + 10_000;
      long previous = -1;
      while (System.currentTimeMillis() < deadline) {
        cached.clear();
        ResponseCache.loadInto(new Configuration(), ResponseCache.dir(out.toString()), null, cached);
        long answered = sim.counters().status(200);
        if (cached.size() == answered && answered == previous) {
          break;
        }
        previous = cached.size() == answered ? answered : -1;
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
      }
      long firstCalls = sim.counters().calls();
      assertThat((long) cached.size()).isEqualTo(sim.counters().status(200));
      assertThat(cached.size()).isPositive().isLessThan(40);
      assertThat(firstCalls).isLessThan(40);

      GenerateResponsesJob.Result resumed = run(sim, out, "resumed", "window: 4", probes);
      assertThat(resumed.counts()).containsEntry("responses", 40L).containsEntry("ok", 40L)
          .containsEntry("cache_hits", (long) cached.size());
      assertThat(sim.counters().calls() - firstCalls).isEqualTo(40 - cached.size());
      assertThat(sim.counters().callsByRequestId()).hasSize(40);
    }
  }

  @Test
  void stopsCleanlyAtTheRequestBudget(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Dataset<Row> probes = InferenceFixtures.probes(spark(), 10, InferenceFixtures.png(dir));
    try (SimulatedWorker sim = SimulatedWorker.start(SIM)) {
      GenerateResponsesJob.Result capped = run(sim, out, "capped", "window: 4\nmax-requests: 3", probes);
      assertThat(capped.counts()).containsEntry("ok", 3L).containsEntry("budget_exhausted", 7L);
      assertThat(sim.counters().calls()).isEqualTo(3);
      List<Row> exhausted = new ArrayList<>(rows(out, "capped"));
      exhausted.removeIf(r -> !"budget_exhausted".equals(SharedColumns.STATUS.getString(r)));
      assertThat(exhausted).allSatisfy(r ->
          assertThat(SharedColumns.ERROR.getString(r)).contains("run budget exhausted"));
      // the next run with a bigger budget pays only for the 7 not yet answered
      GenerateResponsesJob.Result rest = run(sim, out, "rest", "window: 4\nmax-requests: 7", probes);
      assertThat(rest.counts()).containsEntry("ok", 10L).containsEntry("cache_hits", 3L);
      assertThat(sim.counters().calls()).isEqualTo(10);
    }
  }

  @Test
  void failsWithAClearMessagePastTheErrorRate(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Dataset<Row> probes = InferenceFixtures.probes(spark(), 6, InferenceFixtures.png(dir));
    SimulatorSpec broken = new SimulatorSpec(8, 0L, 0L, 1.0, null, null, null, null);
    try (SimulatedWorker sim = SimulatedWorker.start(broken)) {
      assertThatThrownBy(() -> run(sim, out, "broken", "window: 4\nmax-attempts: 2\nbackoff-ms: 1", probes))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("Cannot accept responses of run broken: 6 of 6 rows (100.0%) failed")
          .hasMessageContaining("server_error=6");
      assertThat(sim.counters().calls()).isEqualTo(12);
      assertThat(rows(out, "broken")).allSatisfy(r -> {
        assertThat(SharedColumns.STATUS.getString(r)).isEqualTo("server_error");
        assertThat((Integer) ResponsesTable.HTTP_STATUS.get(r)).isEqualTo(503);
        assertThat((Integer) ResponsesTable.ATTEMPTS.get(r)).isEqualTo(2);
      });
    }
  }

  @Test
  void answersNoProbesWithoutCallingAnything(@TempDir Path dir) throws Exception {
    Dataset<Row> none = InferenceFixtures.probes(spark(), 2, InferenceFixtures.png(dir)).limit(0);
    try (SimulatedWorker sim = SimulatedWorker.start(SIM)) {
      GenerateResponsesJob.Result r = run(sim, dir.resolve("out"), "empty", "window: 4", none);
      assertThat(r.counts()).containsEntry("responses", 0L).containsEntry("calls", 0L);
      assertThat(sim.counters().calls()).isZero();
    }
  }

  @Test
  void refusesAnUnresolvedSimulatorEndpoint(@TempDir Path dir) throws Exception {
    RunContext ctx = context(InferenceFixtures.config("simulator", "window: 4"), dir, "r");
    Dataset<Row> probes = InferenceFixtures.probes(spark(), 2, InferenceFixtures.png(dir));
    assertThatThrownBy(() -> EvalJobs.get(ctx).generateResponses().input(probes).execute())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot generate responses for model sim-model: endpoint sim says url 'simulator'");
  }
}
