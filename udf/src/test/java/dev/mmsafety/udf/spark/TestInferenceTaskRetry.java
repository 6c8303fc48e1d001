package dev.mmsafety.udf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ResponseCacheIndex;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried Spark task (same stage and partition, next attempt) does not pay again for what attempt 0 got. */
class TestInferenceTaskRetry {

  @Test
  void aRetriedAttemptReadsTheEarlierAttemptsSegment(@TempDir Path dir) {
    try (SimulatedWorker sim = SimulatedWorker.start(
        new SimulatorSpec(16, 0L, 0L, null, null, null, null, null))) {
      ModelSpec model = new ModelSpec("m", "m", List.of(new EndpointSpec("sim", sim.baseUrl(), 16, true)), null,
          null, null, null);
      String cacheDir = dir.resolve("cache/responses").toString();
      InferenceTask task = new InferenceTask(InferenceTask.Specs.of(List.of(model), List.of(), List.of(DefenseSpec.NONE),
          InferenceSpec.DEFAULT.with(s -> s.window = 2)), "run", "2026-01-15",
          cacheDir, "run-tag", 1, new HadoopImageLoader(new Configuration()), null);

      InferencePartitionFunction.Run first = new InferencePartitionFunction.Run(task,
          new InferencePartitionFunction.TaskInfo(3, 0, 0, List.of(), 6));
      java.util.concurrent.atomic.AtomicInteger pulled = new java.util.concurrent.atomic.AtomicInteger();
      Iterator<Row> out = first.rows(WorkRows.work(20).stream().peek(r -> pulled.incrementAndGet()).iterator());
      int emitted = 0;
      try {
        while (out.hasNext()) {
          out.next();
          emitted++;
        }
      } catch (IllegalStateException expected) {
        assertThat(expected).hasMessageContaining("Injected task failure after 6 rows");
      }
      first.close();
      assertThat(emitted).isEqualTo(6);
      long firstCalls = pulled.get(); // every row pulled was sent: 6 emitted + at most the window in flight
      assertThat(firstCalls).isBetween(6L, 8L);

      // answers still in flight when attempt 0 failed land in late files; wait for all of them (paid for)
      long deadline = System.currentTimeMillis() + 10_000;
      while (cachedLines(cacheDir) < firstCalls && System.currentTimeMillis() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
      }
      assertThat(cachedLines(cacheDir)).isEqualTo(firstCalls);
      assertThat(sim.counters().calls()).isEqualTo(firstCalls);
      // the retry runs in a "fresh JVM": no in-memory index, only the files
      ResponseCacheIndex.forget(cacheDir);
      InferencePartitionFunction.Run retry = new InferencePartitionFunction.Run(task,
          new InferencePartitionFunction.TaskInfo(3, 0, 1, List.of(), -1));
      List<Row> rows = new ArrayList<>();
      retry.rows(WorkRows.work(20).iterator()).forEachRemaining(rows::add);
      retry.close();
      assertThat(rows).hasSize(20);
      long hits = rows.stream().filter(r -> (Boolean) ResponsesTable.CACHE_HIT.get(r)).count();
      assertThat(hits).isEqualTo(firstCalls);
      assertThat(sim.counters().calls()).isEqualTo(20); // each request id paid once over both attempts
      assertThat(sim.counters().callsByRequestId().values()).containsOnly(1);
      assertThat(rows).extracting(r -> SharedColumns.STATUS.getString(r)).containsOnly("ok");
    }
  }

  private static long cachedLines(String dir) {
    java.util.Map<String, dev.mmsafety.udf.model.ModelResponse> entries = new java.util.HashMap<>();
    try {
      dev.mmsafety.udf.model.ResponseCache.loadInto(new Configuration(), dir, null, entries);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return entries.size();
  }

  @Test
  void failsLoudlyForAnExecutorLocalModelWithoutGpu() {
    ModelSpec local = new ModelSpec("m", "m", List.of(new EndpointSpec("gpu", "http://127.0.0.1:800{gpu}/v1", 8, null)),
        null, null, null, null);
    assertThatThrownBy(() -> dev.mmsafety.udf.model.ModelPlacement.resolve(local, List.of()))
        .hasMessageContaining("Cannot place model m: its endpoint url uses {gpu} but the task has no GPU");
    assertThat(dev.mmsafety.udf.model.ModelPlacement.resolve(local, List.of("1")).endpoints().get(0).url())
        .isEqualTo("http://127.0.0.1:8001/v1");
  }
}
