package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.cli.EvalCli;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first command, end to end on local Spark: counts reconcile and metrics recompute. */
class TestQuickstartEndToEnd extends SparkTestBase {
  private static final String RUN_DATE = "2026-01-15";
  @TempDir static Path out;
  @TempDir static Path out2;
  private static String stdout;
  private static TableIO tables;
  private static String runId;
  private static RunConfig config;

  @BeforeAll
  static void runQuickstart() throws Exception {
    spark();
    stdout = quickstart(out);
    quickstart(out2);
    tables = new TableIO(spark(), out.toString(), RUN_DATE);
    List<Row> runs = tables.read(RunsTable.INSTANCE).collectAsList();
    assertThat(runs).hasSize(1);
    runId = runs.get(0).getString(runs.get(0).fieldIndex("run_id"));
    String yaml = Files.readString(out.resolve("samples").resolve("quickstart.yaml"));
    config = ConfigLoader.parse(yaml.replace("${out}", out.toString()), "quickstart.yaml");
  }

  private static String quickstart(Path root) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code =
        EvalCli.runMain(
            new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8),
            "quickstart", "--out", root.toString(), "--run-date", RUN_DATE);
    assertThat(code).as("stderr: %s", e.toString(StandardCharsets.UTF_8)).isZero();
    return o.toString(StandardCharsets.UTF_8);
  }

  /**
   * Issue #8 item 7: the same config and seeds give identical tables apart from run ids and timestamps (latency
   * is a wall-clock measurement, so it counts as a timestamp here, and so does the call telemetry below).
   */
  @Test
  void twoRunsOfTheSameConfigWriteIdenticalTables() throws Exception {
    TableIO other = new TableIO(spark(), out2.toString(), RUN_DATE);
    for (dev.mmsafety.schemas.TableContract table : dev.mmsafety.schemas.Tables.all()) {
      if (table.name().equals("runs") || !Files.exists(out.resolve(table.name()))) {
        continue;
      }
      Dataset<String> a = comparable(tables.read(table), out);
      Dataset<String> b = comparable(other.read(table), out2);
      assertThat(a.count()).as(table.name()).isEqualTo(b.count());
      assertThat(a.exceptAll(b).count()).as(table.name()).isZero();
      assertThat(b.exceptAll(a).count()).as(table.name()).isZero();
    }
    try (var images = Files.walk(out.resolve("images"))) {
      for (Path image : images.filter(Files::isRegularFile).toList()) {
        Path twin = out2.resolve("images").resolve(out.resolve("images").relativize(image));
        assertThat(Files.mismatch(image, twin)).as(image.toString()).isEqualTo(-1L);
      }
    }
  }

  /** Rows as JSON without run ids and timings, with the output root (which differs) replaced by a token. */
  private static Dataset<String> comparable(Dataset<Row> rows, Path root) {
    // Besides run ids and times, how an answer was obtained (attempts, cache hit, endpoint, HTTP status) depends
    // on timing: two probes asking the same thing share one call, and which of them made it is scheduling.
    List<String> drop =
        List.of("run_id", "latency_ms", "started_at", "ended_at", "baseline_run_id", "reused_from_run_id", "attempts",
            "cache_hit",
            "endpoint", "http_status");
    String prefix = root.toString();
    String uriPrefix = root.toUri().toString();
    return rows.drop(drop.toArray(new String[0]))
        .toJSON()
        .map(
            (org.apache.spark.api.java.function.MapFunction<String, String>)
                j -> j.replace(uriPrefix, "<out>/").replace(prefix, "<out>"),
            org.apache.spark.sql.Encoders.STRING());
  }

  private static Dataset<Row> run(dev.mmsafety.schemas.TableContract table) {
    return tables.readRun(table, runId);
  }

  @Test
  void runIsRecordedAsSucceededOnTheSimulator() {
    Row row = run(RunsTable.INSTANCE).first();
    assertThat(row.getString(row.fieldIndex("status"))).isEqualTo("succeeded");
    assertThat(row.getBoolean(row.fieldIndex("simulator"))).isTrue();
    assertThat(row.getString(row.fieldIndex("config_hash"))).hasSize(64);
    assertThat(stdout).contains("report.html").contains(runId);
  }

  @Test
  void probesAreCasesTimesApplicableAttacks() {
    Dataset<Row> cases = run(CasesTable.INSTANCE);
    long expected = 0;
    for (AttackSpec attack : config.attacks()) {
      expected +=
          cases.collectAsList().stream()
              .filter(r -> attack.appliesTo(r.getString(r.fieldIndex("benchmark"))))
              .count();
    }
    long probes = run(ProbesTable.INSTANCE).count();
    long attackRejects = run(RejectsTable.INSTANCE).where(col("stage").equalTo("attack")).count();
    assertThat(cases.count()).isPositive();
    assertThat(probes + attackRejects).isEqualTo(expected);
    assertThat(run(ProbesTable.INSTANCE).select("probe_id").distinct().count()).isEqualTo(probes);
  }

  @Test
  void oneResponsePerProbeModelAndDefenseAndOneJudgmentPerResponseAndJudge() {
    long probes = run(ProbesTable.INSTANCE).count();
    Dataset<Row> responses = run(ResponsesTable.INSTANCE);
    assertThat(responses.count())
        .isEqualTo(probes * config.models().size() * config.defenses().size());
    assertThat(responses.select("response_id").distinct().count()).isEqualTo(responses.count());
    assertThat(responses.where(col("simulator").equalTo(false)).count()).isZero();
    assertThat(responses.where(col("status").equalTo("ok")).count()).isEqualTo(responses.count());
    Dataset<Row> judgments = run(JudgmentsTable.INSTANCE);
    assertThat(judgments.count()).isEqualTo(responses.count() * config.judges().size());
    // The simulator refuses some prompts and complies with others, so both verdicts occur.
    assertThat(judgments.where(col("refused").equalTo(true)).count()).isPositive();
    assertThat(judgments.where(col("refused").equalTo(false)).count()).isPositive();
  }

  @Test
  void metricsRecomputedFromJudgmentsEqualTheMetricsTable() {
    Dataset<Row> judgments = run(JudgmentsTable.INSTANCE).where(col("status").equalTo("ok"));
    judgments.createOrReplaceTempView("j");
    run(MetricsTable.INSTANCE).createOrReplaceTempView("m");
    List<Row> mismatches =
        spark()
            .sql(
                """
                WITH r AS (
                  SELECT model, benchmark, native_category, attack, defense, judge,
                         count(*) AS n, sum(CASE WHEN unsafe THEN 1 ELSE 0 END) AS k
                  FROM j WHERE polarity = 'harmful'
                  GROUP BY model, benchmark, native_category, attack, defense, judge)
                SELECT r.*, m.n AS mn, m.k AS mk FROM r LEFT JOIN m
                  ON m.metric = 'asr' AND m.model = r.model
                 AND m.grouping = 'benchmark+dataset+canonical_category+native_category+attack+defense+judge' AND m.benchmark = r.benchmark
                 AND m.native_category = r.native_category AND m.attack = r.attack
                 AND m.defense = r.defense AND m.judge = r.judge
                WHERE m.n IS NULL OR m.n <> r.n OR m.k <> r.k
                """)
            .collectAsList();
    assertThat(mismatches).isEmpty();
    assertThat(spark().sql("SELECT * FROM m WHERE metric = 'asr'").count()).isPositive();
  }

  @Test
  void reportIsWrittenAndSaysSimulator() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).containsIgnoringCase("simulat").contains("<svg");
  }
}
