package dev.mmsafety.udf.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 item 1: a night reuses answers of its own run date only; under cache-scope revision also earlier
 * nights' answers of a model with an equal revision, and every reused row names the run it was first answered in.
 */
class TestCacheScope {
  @TempDir Path dir;

  private SimulatedWorker sim;
  private int night;

  private List<Row> night(ModelSpec model, String scope, String runId, String runDate) {
    InferenceTask task = new InferenceTask(InferenceTask.Specs.of(List.of(model), List.of(model), List.of(DefenseSpec.NONE),
        InferenceSpec.DEFAULT.with(s -> { s.window = 2; s.cacheScope = scope; })), runId, runDate,
        dir.resolve("cache/responses").toString(), runId + "-tag-" + night++, 1,
        new HadoopImageLoader(new Configuration()), null);
    List<Row> rows = new ArrayList<>();
    try (InferencePartitionFunction.Run run = new InferencePartitionFunction.Run(task,
        new InferencePartitionFunction.TaskInfo(1, 0, 0, List.of(), -1))) {
      run.rows(WorkRows.work(6).iterator()).forEachRemaining(rows::add);
    }
    return rows;
  }

  private static List<String> reusedFrom(List<Row> rows) {
    return rows.stream().map(r -> ResponsesTable.REUSED_FROM_RUN_ID.getString(r)).distinct().toList();
  }

  @Test
  void nightsReuseOnlyWhatTheirScopeAdmits() throws Exception {
    try (SimulatedWorker worker = SimulatedWorker.start(new SimulatorSpec(8, 0L, 0L, null, null, null, null,
        null))) {
      sim = worker;
      ModelSpec plain = new ModelSpec("m", "m", List.of(new EndpointSpec("sim", sim.baseUrl(), 8, true)), null,
          null, null, null);
      String run = InferenceSpec.CACHE_SCOPE_RUN;
      String revision = InferenceSpec.CACHE_SCOPE_REVISION;

      assertThat(reusedFrom(night(plain, run, "n1", "2026-05-01"))).containsExactly((String) null);
      assertThat(sim.counters().calls()).isEqualTo(6);
      // resuming the same night (a new run id, the same run date) reuses everything, naming the first run
      List<Row> resumed = night(plain, run, "n1-again", "2026-05-01");
      assertThat(sim.counters().calls()).isEqualTo(6);
      assertThat(reusedFrom(resumed)).containsExactly("n1");
      assertThat(resumed).allSatisfy(r -> assertThat(ResponsesTable.REUSED_FROM_RUN_DATE.getString(r))
          .isEqualTo("2026-05-01"));
      // a new night calls again by default, and under cache-scope revision too while the model has no revision
      night(plain, run, "n2", "2026-05-02");
      assertThat(sim.counters().calls()).isEqualTo(12);
      night(plain, revision, "n3", "2026-05-03");
      assertThat(sim.counters().calls()).isEqualTo(18);
      // compaction keeps one line per request id and run date, so every night can still be resumed
      assertThat(ResponseCache.compact(new Configuration(), dir.resolve("cache/responses").toString()))
          .isEqualTo(18);

      ModelSpec ckpt1 = plain.with(b -> b.revision = "ckpt-1");
      List<Row> first = night(ckpt1, revision, "n4", "2026-05-04");
      assertThat(sim.counters().calls()).as("a revision is part of the request key").isEqualTo(24);
      assertThat(first).allSatisfy(r -> assertThat(ResponsesTable.REVISION.getString(r)).isEqualTo("ckpt-1"));
      List<Row> reused = night(ckpt1, revision, "n5", "2026-05-05");
      assertThat(sim.counters().calls()).isEqualTo(24);
      assertThat(reusedFrom(reused)).containsExactly("n4");
      assertThat(reused).allSatisfy(r -> assertThat((Boolean) ResponsesTable.CACHE_HIT.get(r)).isTrue());
      // the same revision under the default scope: a new night calls again
      night(ckpt1, run, "n6", "2026-05-06");
      assertThat(sim.counters().calls()).isEqualTo(30);
      night(plain.with(b -> b.revision = "ckpt-2"), revision, "n7", "2026-05-07");
      assertThat(sim.counters().calls()).isEqualTo(36);
    }
  }
}
