package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.JudgmentFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.schemas.RegressionsTable;
import dev.mmsafety.schemas.TableContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB reads the Parquet tables Spark wrote (Hive partitioning) and recomputes every metrics row from
 * judgments with the queries published in docs/bi.md; no row may differ.
 */
class TestMetricsDuckDb extends SparkTestBase {
  @TempDir Path out;

  @Test
  void duckDbRecomputesMetricsFromJudgments() throws Exception {
    RunContext context = context(TestComputeMetricsJob.YAML, out, "run-grid");
    List<org.apache.spark.sql.Row> rows =
        new JudgmentFixtures("run-grid", context.runDate()).grid(7L, 8, 0.4).rows();
    EvalJobs.get(context).computeMetrics().input(TestComputeMetricsJob.writeAndRead(context, rows))
        .probes(writeProbes(context, rows)).execute();

    String root = out.toString();
    String rates = sql("duckdb-rates.sql").replace("{root}", root);
    String paired = sql("duckdb-paired.sql").replace("{root}", root);
    String metrics = "(SELECT * FROM read_parquet('" + root + "/metrics/**/*.parquet', hive_partitioning = true))";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      long rateRows = count(st, "SELECT count(*) FROM (" + rates + ")");
      long ratesWritten = count(st, "SELECT count(*) FROM " + metrics + " WHERE metric NOT LIKE '%_vs_none'");
      assertThat(rateRows).isGreaterThan(500).isEqualTo(ratesWritten);
      List<String> rateDiffs = rows(st,
          "SELECT coalesce(r.metric, m.metric) || ' ' || coalesce(r.grouping, m.grouping) FROM (" + rates + ") r"
              + " FULL OUTER JOIN " + metrics + " m ON r.run_id = m.run_id AND r.model = m.model"
              + " AND r.grouping = m.grouping AND r.metric = m.metric AND r.polarity = m.polarity"
              + " AND r.benchmark = m.benchmark AND r.dataset = m.dataset AND r.variant = m.variant"
              + " AND r.canonical_category = m.canonical_category"
              + " AND r.native_category IS NOT DISTINCT FROM m.native_category"
              + " AND r.attack = m.attack AND r.defense = m.defense AND r.judge = m.judge"
              + " WHERE coalesce(m.metric, '') NOT LIKE '%_vs_none' AND (r.metric IS NULL OR m.metric IS NULL"
              + " OR r.n <> m.n OR r.k <> m.k OR r.n_error <> m.n_error OR r.n_unparseable <> m.n_unparseable"
              + " OR r.simulator <> m.simulator"
              + " OR abs(coalesce(r.rate, -1) - coalesce(m.rate, -1)) > 1e-12"
              + " OR abs(coalesce(r.ci_low, -1) - coalesce(m.ci_low, -1)) > 1e-9"
              + " OR abs(coalesce(r.ci_high, -1) - coalesce(m.ci_high, -1)) > 1e-9)");
      assertThat(rateDiffs).isEmpty();
      // The grid has errors, unparseable verdicts and a simulated model: the comparison covers them.
      assertThat(count(st, "SELECT count(*) FROM " + metrics + " WHERE n_error > 0 AND n_unparseable > 0"))
          .isPositive();
      assertThat(count(st, "SELECT count(DISTINCT simulator) FROM " + metrics)).isEqualTo(2);
      // Identical requests count once: the grid's probes p and p + 4 of a cell share their content.
      assertThat(count(st, "SELECT count(*) FROM " + metrics + " WHERE n_probes > n")).isPositive();
      assertThat(count(st, "SELECT count(*) FROM " + metrics + " WHERE metric = 'asr' AND n_probes < n")).isZero();
      // Counts reconcile: every harmful verdict is in n_probes, n_error or n_unparseable of the overall asr rows.
      assertThat(count(st, "SELECT sum(n_probes + n_error + n_unparseable) FROM " + metrics
              + " WHERE metric = 'asr' AND grouping = 'judge'"))
          .isEqualTo(count(st, "SELECT count(*) FROM read_parquet('" + root
              + "/judgments/**/*.parquet', hive_partitioning = true) WHERE polarity = 'harmful'"));

      long pairedRows = count(st, "SELECT count(*) FROM (" + paired + ")");
      assertThat(pairedRows).isPositive()
          .isEqualTo(count(st, "SELECT count(*) FROM " + metrics + " WHERE metric LIKE '%_vs_none'"));
      List<String> pairedDiffs = rows(st,
          "SELECT coalesce(r.metric, m.metric) || ' ' || coalesce(r.grouping, m.grouping) FROM (" + paired + ") r"
              + " FULL OUTER JOIN (SELECT * FROM " + metrics + " WHERE metric LIKE '%_vs_none') m"
              + " ON r.run_id = m.run_id AND r.model = m.model AND r.grouping = m.grouping"
              + " AND r.metric = m.metric AND r.polarity = m.polarity AND r.benchmark = m.benchmark"
              + " AND r.dataset = m.dataset AND r.variant = m.variant AND r.attack = m.attack"
              + " AND r.defense = m.defense AND r.judge = m.judge"
              + " WHERE r.metric IS NULL OR m.metric IS NULL OR r.n <> m.n OR r.k <> m.k OR r.n_error <> m.n_error"
              + " OR r.n_probes <> m.n_probes OR r.k_probes <> m.k_probes"
              + " OR r.b_none_only <> CAST(json_extract(m.detail, '$.b_none_only') AS BIGINT)"
              + " OR r.c_defense_only <> CAST(json_extract(m.detail, '$.c_defense_only') AS BIGINT)"
              + " OR r.n_unpaired <> CAST(json_extract(m.detail, '$.n_unpaired') AS BIGINT)"
              + " OR (r.n > 0 AND abs(m.rate - (r.c_defense_only - r.b_none_only) / r.n) > 1e-12)");
      assertThat(pairedDiffs).isEmpty();
      // Paired deltas merge identical requests too: n agrees with the rate cells of the same defense.
      assertThat(count(st, "SELECT count(*) FROM " + metrics + " WHERE metric LIKE '%_vs_none' AND n_probes > n"))
          .isPositive();
      // Where neither side lost a verdict, n is the rate cell's n (the defended asr cell and the undefended one).
      String cells = "FROM " + metrics + " d JOIN " + metrics + " a ON a.metric = 'asr'"
          + " AND d.metric = 'asr_delta_vs_none' AND a.run_id = d.run_id AND a.model = d.model"
          + " AND a.grouping = d.grouping AND a.benchmark = d.benchmark AND a.dataset = d.dataset"
          + " AND a.variant = d.variant AND a.attack = d.attack AND a.judge = d.judge"
          + " AND a.defense IN (d.defense, 'none') AND a.n_error = 0 AND a.n_unparseable = 0"
          + " GROUP BY d.run_id, d.model, d.grouping, d.benchmark, d.dataset, d.variant, d.attack, d.defense, d.judge,"
          + " d.n HAVING count(*) = 2 AND CAST(any_value(json_extract(d.detail, '$.n_unpaired')) AS BIGINT) = 0";
      assertThat(count(st, "SELECT count(*) FROM (SELECT d.n " + cells + " AND min(a.n) = d.n AND max(a.n) = d.n)"))
          .isPositive();
      assertThat(count(st, "SELECT count(*) FROM (SELECT d.n " + cells + " AND (min(a.n) <> d.n OR max(a.n) <> d.n))"))
          .isZero();
    }
  }

  @Test
  void docsPublishTheTestedQueries() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "bi.md"), StandardCharsets.UTF_8);
    assertThat(doc).contains(sql("duckdb-rates.sql").replace("{root}", "<out>").strip());
    assertThat(doc).contains(sql("duckdb-paired.sql").replace("{root}", "<out>").strip());
    // The Trino DDL lists each table's columns in contract order (partition columns last, as Trino requires).
    for (TableContract table :
        List.of(MetricsTable.INSTANCE, JudgeAgreementTable.INSTANCE, RegressionsTable.INSTANCE)) {
      int start = doc.indexOf("CREATE TABLE hive.mmsafety." + table.name() + " (");
      assertThat(start).as(table.name()).isPositive();
      String ddl = doc.substring(start, doc.indexOf("WITH (", start));
      List<String> declared = java.util.Arrays.stream(ddl.substring(ddl.indexOf('(') + 1).split(","))
          .map(c -> c.strip().split("\\s+")[0]).filter(c -> !c.isEmpty() && !c.equals(")")).toList();
      assertThat(declared).containsExactlyElementsOf(
          table.columns().stream().map(dev.mmsafety.schemas.Column::name).toList());
    }
  }

  /** A probes row per grid probe; probes p and p + 4 of a cell get the same prompt and image (same request). */
  private static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> writeProbes(
      RunContext context, List<org.apache.spark.sql.Row> judgments) {
    java.util.Map<String, org.apache.spark.sql.Row> byProbe = new java.util.TreeMap<>();
    for (org.apache.spark.sql.Row j : judgments) {
      String probe = SharedColumns.PROBE_ID.getString(j);
      int p = Integer.parseInt(probe.substring(probe.lastIndexOf('-') + 1));
      String content = probe.substring(0, probe.lastIndexOf('-')) + " request " + (p % 4);
      byProbe.computeIfAbsent(probe, id -> ProbesTable.INSTANCE.newRow().copyFrom(j)
          .set(ProbesTable.DATASET_HASH, "h").set(ProbesTable.ATTACK_VERSION, "1")
          .set(ProbesTable.ATTACK_PARAMS, "{}").set(ProbesTable.ATTACK_SEED, 0L)
          .set(ProbesTable.PROMPT_TEXT, content).set(ProbesTable.IMAGE_URIS, List.of("file:/i/" + content))
          .set(ProbesTable.IMAGE_SHA256S, List.of("sha-" + content)).build());
    }
    context.tables().write(
        spark().createDataFrame(List.copyOf(byProbe.values()), ProbesTable.INSTANCE.schema()), ProbesTable.INSTANCE);
    return context.tables().readRun(ProbesTable.INSTANCE, context.runId());
  }

  static String sql(String name) throws IOException {
    try (InputStream in = TestMetricsDuckDb.class.getResourceAsStream("/bi/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static long count(Statement st, String query) throws SQLException {
    try (ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> rows(Statement st, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = st.executeQuery(query)) {
      while (rs.next() && out.size() < 20) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
