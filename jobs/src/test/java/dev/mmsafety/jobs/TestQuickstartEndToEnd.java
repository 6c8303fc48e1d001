package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
      // On a mismatch, name the rows: which column differs says whether it is the code or the test's drop list.
      assertThat(a.exceptAll(b).count())
          .as(() -> table.name() + "; first run only: " + a.exceptAll(b).limit(2).collectAsList()
              + "; second run only: " + b.exceptAll(a).limit(2).collectAsList())
          .isZero();
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
    // on timing: two probes asking the same thing share one call, and which of them made it (the other's reuse
    // columns name this run) is scheduling.
    List<String> drop =
        List.of("run_id", "latency_ms", "started_at", "ended_at", "baseline_run_id", "reused_from_run_id",
            "reused_from_run_date", "attempts", "cache_hit", "endpoint", "http_status");
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
    // every row is answered, except those the input guard blocked (only under that defense, and some are)
    long blocked = responses.where(col("status").equalTo("blocked")).count();
    assertThat(responses.where(col("status").equalTo("ok")).count() + blocked).isEqualTo(responses.count());
    assertThat(blocked).isPositive()
        .isEqualTo(responses.where(col("status").equalTo("blocked").and(col("defense").equalTo("input-guard"))).count());
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
                  SELECT model, benchmark, variant, native_category, attack, defense, judge,
                         count(*) AS n, sum(CASE WHEN unsafe THEN 1 ELSE 0 END) AS k
                  FROM j WHERE polarity = 'harmful'
                  GROUP BY model, benchmark, variant, native_category, attack, defense, judge)
                SELECT r.*, m.n_probes AS mn, m.k_probes AS mk FROM r LEFT JOIN m
                  ON m.metric = 'asr' AND m.model = r.model
                 AND m.grouping = 'benchmark+dataset+variant+canonical_category+native_category+attack+defense+judge'
                 AND m.benchmark = r.benchmark AND m.variant = r.variant
                 AND m.native_category = r.native_category AND m.attack = r.attack
                 AND m.defense = r.defense AND m.judge = r.judge
                WHERE m.n_probes IS NULL OR m.n_probes <> r.n OR m.k_probes <> r.k
                """)
            .collectAsList();
    assertThat(mismatches).isEmpty();
    assertThat(spark().sql("SELECT * FROM m WHERE metric = 'asr'").count()).isPositive();
  }

  /**
   * Issue 12: the simulated model shows what the survey reports. Directions and margins only: the exact figures
   * depend on the bundled samples and are documented in docs/model-workers.md, not pinned here.
   */
  @Test
  void figStepBeatsTheTextBaselineAndTheShieldLowersAsrAtAnOverRefusalCost() throws Exception {
    Dataset<Row> metrics = run(MetricsTable.INSTANCE);
    String figstepAsr = "grouping = 'benchmark+dataset+variant+attack+defense+judge' AND benchmark = 'figstep'"
        + " AND metric = 'asr' AND defense = 'none' AND judge = 'harm-llm'";
    double attacked = MetricsTable.RATE.<Double>get(metrics.where(figstepAsr + " AND attack = 'figstep'").first());
    double baseline = MetricsTable.RATE.<Double>get(metrics.where(figstepAsr + " AND attack = 'none'").first());
    assertThat(attacked - baseline).as("FigStep %s vs text-only %s", attacked, baseline).isGreaterThanOrEqualTo(0.3);
    JsonNode asrDelta = delta(metrics, "asr_delta_vs_none", "harm-llm");
    assertThat(asrDelta.path("rate_defense").asDouble()).isLessThan(asrDelta.path("rate_none").asDouble());
    assertThat(asrDelta.path("p_value").asDouble()).as(asrDelta.toString()).isLessThan(0.05);
    JsonNode overRefusal = delta(metrics, "over_refusal_delta_vs_none", "refusal-clf");
    assertThat(overRefusal.path("rate_defense").asDouble()).isGreaterThan(overRefusal.path("rate_none").asDouble());
    assertThat(overRefusal.path("p_value").asDouble()).as(overRefusal.toString()).isLessThan(0.05);
  }

  private static JsonNode delta(Dataset<Row> metrics, String metric, String judge) throws Exception {
    Row r = metrics.where("grouping = 'defense+judge' AND defense = 'shield' AND metric = '" + metric
        + "' AND judge = '" + judge + "'").first();
    return new ObjectMapper().readTree(MetricsTable.DETAIL.getString(r));
  }

  /** Issue 12: answers read like an assistant's, varied, 1 to 400 words, with markdown and refusals of many styles. */
  @Test
  void answersAreVariedAssistantTextOfOneTo400Words() {
    List<String> texts = run(ResponsesTable.INSTANCE).select("text").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertThat(texts).allSatisfy(t -> assertThat(t.split("\\s+").length).as(t).isBetween(1, 400));
    assertThat(texts.stream().distinct().count()).isGreaterThan(texts.size() / 4);
    assertThat(texts).anyMatch(t -> t.contains("**")).anyMatch(t -> t.matches("(?s).*\\n1\\. .*"))
        .anyMatch(t -> t.startsWith("I'm sorry")).anyMatch(t -> t.startsWith("I cannot"));
  }

  @Test
  void reportIsWrittenAndSaysSimulator() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).containsIgnoringCase("simulat").contains("<svg");
  }
}
