package dev.mmsafety.udf.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.testing.MisbehavingServer;
import dev.mmsafety.udf.testing.MisbehavingServer.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition of work against servers that misbehave (real loopback sockets), with the default adaptive
 * concurrency: every probe still ends in exactly one response row, the controller neither stops calling nor floods.
 */
class TestMisbehavingServers {
  @TempDir Path dir;

  private List<Row> run(MisbehavingServer server, InferenceSpec inference, int probes) {
    ModelSpec model = new ModelSpec("m", "m", List.of(new EndpointSpec("bad", server.baseUrl(), null, false)), null,
        null, null, null);
    InferenceTask task = new InferenceTask(InferenceTask.Specs.of(List.of(model), List.of(model), List.of(DefenseSpec.NONE), inference),
        "run", "2026-01-15", dir.resolve("cache").toString(), "tag-" + System.nanoTime(), 1,
        new HadoopImageLoader(new Configuration()), null);
    List<Row> rows = new ArrayList<>();
    try (InferencePartitionFunction.Run run =
        new InferencePartitionFunction.Run(task, new InferencePartitionFunction.TaskInfo(1, 0, 0, List.of(), -1))) {
      run.rows(WorkRows.work(probes).iterator()).forEachRemaining(rows::add);
    }
    return rows;
  }

  private static Map<String, Long> statuses(List<Row> rows) {
    return rows.stream().collect(Collectors.groupingBy(r -> SharedColumns.STATUS.getString(r), Collectors.counting()));
  }

  private static long distinctProbes(List<Row> rows) {
    return rows.stream().map(r -> SharedColumns.PROBE_ID.getString(r)).distinct().count();
  }

  @Test
  void aServerThatStallsInTheMiddleOfItsAnswersTimesOutInsteadOfHanging() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Mode.STALL_AFTER, 4)) {
      InferenceSpec inference = InferenceSpec.DEFAULT.with(s -> {
        s.window = 8;
        s.maxAttempts = 2;
        s.timeoutMs = 400L;
      });
      List<Row> rows = run(server, inference, 10);
      assertThat(rows).hasSize(10);
      assertThat(distinctProbes(rows)).isEqualTo(10);
      assertThat(statuses(rows)).containsEntry(ModelResponse.Status.OK, 4L)
          .containsEntry(ModelResponse.Status.TIMEOUT, 6L);
      Row stalled = rows.stream().filter(r -> "timeout".equals(SharedColumns.STATUS.getString(r))).findFirst()
          .orElseThrow();
      assertThat(SharedColumns.ERROR.getString(stalled))
          .contains("response body not received within 400 ms").contains("(after 2 attempts)");
      assertThat(server.requests()).isEqualTo(4 + 6 * 2);
    }
  }

  @Test
  void aServerThatDropsKeepAliveConnectionsAfterThreeRequestsIsRetriedOnNewOnes() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Mode.CLOSE_AFTER, 3)) {
      List<Row> rows = run(server, InferenceSpec.DEFAULT.with(s -> { s.window = 8; s.maxAttempts = 4; }), 40);
      assertThat(rows).hasSize(40);
      assertThat(distinctProbes(rows)).isEqualTo(40);
      assertThat(statuses(rows)).containsExactly(Map.entry(ModelResponse.Status.OK, 40L));
      assertThat(server.connections()).isGreaterThanOrEqualTo(40 / 3);
      rows.forEach(r -> assertThat(ResponsesTable.ATTEMPTS.<Integer>get(r)).isBetween(1, 4));
    }
  }

  @Test
  void aServerAnswering503WithRetryAfterIsWaitedForNeitherFloodedNorGivenUp() throws Exception {
    try (MisbehavingServer server = new MisbehavingServer(Mode.UNAVAILABLE_FOR_MS, 1_500)) {
      List<Row> rows = run(server, InferenceSpec.DEFAULT.with(s -> { s.window = 32; s.maxAttempts = 6; }), 30);
      assertThat(rows).hasSize(30);
      assertThat(distinctProbes(rows)).isEqualTo(30);
      assertThat(statuses(rows)).containsExactly(Map.entry(ModelResponse.Status.OK, 30L));
      // 30 rows over 1.5 s of 503s: the first attempts and a paced retry or two each, not a loop per round trip
      assertThat(server.unavailableAnswers()).isBetween(1, 3 * 30);
    }
  }
}
