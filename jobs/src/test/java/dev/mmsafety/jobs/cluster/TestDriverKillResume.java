package dev.mmsafety.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
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
 * The driver JVM (spark-submit, local[2]) is killed mid-run and the same run is submitted again: readers never
 * see the aborted attempt's rows, the second attempt completes, and it only calls for answers the first attempt
 * did not get (the in-flight ones at the kill may be sent twice).
 */
@Tag("cluster") // multi-JVM/infrastructure test: select or skip with -Dgroups / -DexcludedGroups
class TestDriverKillResume extends SparkTestBase {
  private static final int ROWS = 60;
  private static final int TASKS_AT_ONCE = 2; // local[2], one call in flight per task
  private static final String RUN_DATE = "2026-01-15";

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  void restartedRunResumesFromTheCacheAndReadersNeverSeeTheAbortedAttempt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path cache = Files.createDirectories(dir.resolve("cache"));
    try (CallCountingServer server = CallCountingServer.start(Duration.ofMillis(100))) {
      ChildJvm first = submit(dir, "driver-first", out, cache, server);
      try {
        boolean midRun =
            server.awaitCallers(c -> c.values().stream().mapToInt(Integer::intValue).sum() >= ROWS / 3,
                Duration.ofSeconds(300));
        assertThat(midRun).as("first attempt calling\n%s", first.logTail(40)).isTrue();
      } finally {
        first.kill();
      }
      assertThat(committedDataFiles(out)).as("rows of the aborted attempt visible to readers").isEmpty();
      long cachedAtRestart;
      try (Stream<Path> files = Files.list(cache)) {
        cachedAtRestart = files.filter(p -> !p.toString().endsWith(".tmp")).count();
      }
      assertThat(cachedAtRestart).isPositive().isLessThan(ROWS);

      ChildJvm second = submit(dir, "driver-second", out, cache, server);
      int exit = second.await(Duration.ofSeconds(300));
      assertThat(exit).as("second attempt exit code\n%s", second.logTail(60)).isZero();

      Map<String, Integer> calls = server.callsByRequest();
      long twice = calls.values().stream().filter(n -> n > 1).count();
      int total = calls.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf("driver-kill resume: rows=%d cached-at-restart=%d calls=%d sent-twice=%d%n",
          ROWS, cachedAtRestart, total, twice);
      assertThat(calls).hasSize(ROWS);
      assertThat(calls.values()).allMatch(n -> n <= 2);
      assertThat(twice).as("in-flight calls at the kill, sent again").isLessThanOrEqualTo(TASKS_AT_ONCE);
      assertThat(total).isEqualTo(ROWS + twice);

      Dataset<Row> rows = new TableIO(spark(), out.toString(), RUN_DATE).read(ResponsesTable.INSTANCE);
      assertThat(rows.count()).isEqualTo(ROWS);
      assertThat(rows.select(SharedColumns.PROBE_ID.name()).distinct().count()).isEqualTo(ROWS);
      // answers the first attempt got are reused, not requested again
      assertThat(rows.where(ResponsesTable.ATTEMPTS.name() + " = 0").count()).isEqualTo(cachedAtRestart);
    }
  }

  private static ChildJvm submit(Path dir, String name, Path out, Path cache, CallCountingServer server)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--master", "local[" + TASKS_AT_ONCE + "]", "--deploy-mode", "client",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.speculation=false",
        "--class", ClusterApp.MAIN_CLASS, "spark-internal"));
    args.addAll(ClusterApp.args(out, cache, server.baseUrl(), ROWS, 6, RUN_DATE, name));
    return ChildJvm.start(name, "768m", "org.apache.spark.deploy.SparkSubmit", args, dir.resolve("logs"));
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
