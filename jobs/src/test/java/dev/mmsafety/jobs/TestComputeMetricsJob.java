package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.jobs.testing.JudgmentFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.metrics.Agreement;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.Interval;
import dev.mmsafety.udf.metrics.McNemar;
import dev.mmsafety.udf.metrics.Wilson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestComputeMetricsJob extends SparkTestBase {
  static final String YAML =
      "run: {name: t, output: '${out}'}\ndatasets: [{name: d, benchmark: figstep, path: /nowhere}]\n";

  @TempDir Path out;

  private RunContext ctx() {
    return context(YAML, out, "run-1");
  }

  /** Writes the rows as the judgments table and reads this run's partition back, as the pipeline does. */
  static Dataset<Row> writeAndRead(RunContext context, List<Row> rows) {
    context.tables().write(spark().createDataFrame(rows, JudgmentsTable.INSTANCE.schema()), JudgmentsTable.INSTANCE);
    return context.tables().readRun(JudgmentsTable.INSTANCE, context.runId());
  }

  static List<Row> metrics(RunContext context) {
    return context.tables().readRun(MetricsTable.INSTANCE, context.runId()).collectAsList();
  }

  static Row one(List<Row> rows, String metric, String grouping) {
    List<Row> hits = rows.stream()
        .filter(r -> metric.equals(MetricsTable.METRIC.get(r)) && grouping.equals(MetricsTable.GROUPING.get(r)))
        .toList();
    assertThat(hits).as(metric + " at " + grouping).hasSize(1);
    return hits.get(0);
  }

  @Test
  void ratesExcludeErrorsAndCarryTheSimulatorFlag() {
    RunContext context = ctx();
    JudgmentFixtures f = new JudgmentFixtures("run-1", context.runDate())
        .add("sim-m", "p1", "harmful", "none", "none", "j1", "ok", false, true)
        .add("sim-m", "p2", "harmful", "none", "none", "j1", "ok", false, true)
        .add("sim-m", "p3", "harmful", "none", "none", "j1", "ok", true, false)
        .add("sim-m", "p4", "harmful", "none", "none", "j1", "error", null, null)
        .add("sim-m", "p5", "harmful", "none", "none", "j1", "unparseable", null, null)
        .add("sim-m", "p8", "harmful", "none", "none", "j1", "not_run", null, null)
        .add("sim-m", "p6", "benign", "none", "none", "j1", "ok", true, false)
        .add("sim-m", "p7", "benign", "none", "none", "j1", "ok", false, false);
    ComputeMetricsJob.Result result =
        EvalJobs.get(context).computeMetrics().input(writeAndRead(context, f.rows())).execute();

    List<Row> rows = metrics(context);
    String finest = Groupings.name(Groupings.FINEST);
    Row asr = one(rows, "asr", finest);
    assertThat(MetricsTable.N.<Long>get(asr)).isEqualTo(3L);
    assertThat(MetricsTable.K.<Long>get(asr)).isEqualTo(2L);
    assertThat(MetricsTable.N_ERROR.<Long>get(asr)).isEqualTo(1L);
    assertThat(MetricsTable.N_UNPARSEABLE.<Long>get(asr)).isEqualTo(1L);
    // a row a budget cap left unrun is neither in n nor an error
    assertThat(MetricsTable.N_NOT_RUN.<Long>get(asr)).isEqualTo(1L);
    Interval ci = Wilson.interval95(2, 3);
    assertThat(MetricsTable.RATE.<Double>get(asr)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(MetricsTable.CI_LOW.<Double>get(asr)).isEqualTo(ci.low());
    assertThat(MetricsTable.CI_HIGH.<Double>get(asr)).isEqualTo(ci.high());
    assertThat(SharedColumns.SIMULATOR.<Boolean>get(asr)).isTrue();
    assertThat(SharedColumns.POLARITY.getString(asr)).isEqualTo("harmful");
    assertThat(MetricsTable.K.<Long>get(one(rows, "refusal_rate", finest))).isEqualTo(1L);
    Row over = one(rows, "over_refusal_rate", finest);
    assertThat(MetricsTable.N.<Long>get(over)).isEqualTo(2L);
    assertThat(MetricsTable.K.<Long>get(over)).isEqualTo(1L);
    assertThat(MetricsTable.N_ERROR.<Long>get(over)).isZero();
    // No judge gave `effective`: no effective_rate rows; safe_rate exists per polarity.
    assertThat(rows).noneMatch(r -> "effective_rate".equals(MetricsTable.METRIC.get(r)));
    assertThat(rows.stream().filter(r -> "safe_rate".equals(MetricsTable.METRIC.get(r))
        && finest.equals(MetricsTable.GROUPING.get(r))).map(r -> MetricsTable.K.<Long>get(r)))
        .containsExactlyInAnyOrder(1L, 2L);
    // Every grouping set has its asr row; rolled-up dimensions read ALL.
    assertThat(rows.stream().filter(r -> "asr".equals(MetricsTable.METRIC.get(r)))
        .map(r -> MetricsTable.GROUPING.getString(r)).collect(Collectors.toSet()))
        .isEqualTo(Groupings.RATES.stream().map(Groupings::name).collect(Collectors.toSet()));
    Row overall = one(rows, "asr", Groupings.name(Groupings.JUDGE_ONLY));
    assertThat(SharedColumns.BENCHMARK.getString(overall)).isEqualTo(MetricsTable.ALL);
    assertThat(SharedColumns.ATTACK.getString(overall)).isEqualTo(MetricsTable.ALL);
    assertThat(MetricsTable.N.<Long>get(overall)).isEqualTo(3L);
    assertThat(result.anyFlagged()).isFalse();
    assertThat(result.baselineRunId()).isEmpty();
    assertThat(result.summaryLines()).contains("regressions: no baseline run");
    assertThat(result.counts().get("metrics")).isEqualTo(rows.size());
  }

  @Test
  void pairedDefenseDeltaWithMcNemar() {
    RunContext context = ctx();
    JudgmentFixtures f = new JudgmentFixtures("run-1", context.runDate());
    for (int p = 0; p < 30; p++) {
      f.add("m", "h" + p, "harmful", "typo", "none", "j", "ok", false, p < 20);
      f.add("m", "h" + p, "harmful", "typo", "shield", "j", "ok", false, p < 5 || p == 25);
    }
    f.add("m", "h30", "harmful", "typo", "none", "j", "ok", false, true);
    f.add("m", "h30", "harmful", "typo", "shield", "j", "error", null, null);
    f.add("m", "h31", "harmful", "typo", "shield", "j", "ok", false, true); // no partner without defense
    for (int p = 0; p < 4; p++) {
      f.add("m", "b" + p, "benign", "typo", "none", "j", "ok", p == 0, false);
      f.add("m", "b" + p, "benign", "typo", "shield", "j", "ok", p <= 2, false);
    }
    EvalJobs.get(context).computeMetrics().input(writeAndRead(context, f.rows())).execute();

    List<Row> rows = metrics(context);
    Row delta = one(rows, "asr_delta_vs_none", Groupings.name(Groupings.DEFENSE_JUDGE));
    assertThat(SharedColumns.DEFENSE.getString(delta)).isEqualTo("shield");
    assertThat(MetricsTable.N.<Long>get(delta)).isEqualTo(30L);
    assertThat(MetricsTable.K.<Long>get(delta)).isEqualTo(6L);
    assertThat(MetricsTable.RATE.<Double>get(delta)).isCloseTo((6 - 20) / 30.0, within(1e-12));
    assertThat(MetricsTable.N_ERROR.<Long>get(delta)).isEqualTo(1L);
    JsonNode detail = json(MetricsTable.DETAIL.getString(delta));
    McNemar.Result expected = McNemar.test(15, 1);
    assertThat(detail.get("b_none_only").asLong()).isEqualTo(15);
    assertThat(detail.get("c_defense_only").asLong()).isEqualTo(1);
    assertThat(detail.get("test").asText()).isEqualTo(McNemar.EXACT);
    assertThat(detail.get("p_value").asDouble()).isEqualTo(expected.pValue());
    assertThat(detail.get("n_unpaired").asLong()).isEqualTo(1);
    Row cost = one(rows, "over_refusal_delta_vs_none", Groupings.name(Groupings.DEFENSE_JUDGE));
    assertThat(MetricsTable.RATE.<Double>get(cost)).isCloseTo(0.5, within(1e-12));
    assertThat(SharedColumns.POLARITY.getString(cost)).isEqualTo("benign");
    // The undefended side has no delta rows.
    assertThat(rows).noneMatch(r -> MetricsTable.METRIC.getString(r).endsWith("_vs_none")
        && "none".equals(SharedColumns.DEFENSE.get(r)));
  }

  @Test
  void judgeAgreementBetweenJudgesAndAgainstHumans() {
    RunContext context = ctx();
    boolean[] a = {true, true, true, true, false, false, false, false, false, false};
    boolean[] b = {true, true, true, false, false, false, false, false, true, true};
    JudgmentFixtures f = new JudgmentFixtures("run-1", context.runDate());
    for (int i = 0; i < a.length; i++) {
      f.add("m", "p" + i, "harmful", "none", "none", "judge-a", "ok", null, a[i]);
      f.add("m", "p" + i, "harmful", "none", "none", "judge-b", "ok", null, b[i]);
    }
    f.add("m", "p10", "harmful", "none", "none", "judge-a", "ok", null, true); // judged by one side only
    StructType labelsSchema = new StructType()
        .add("response_id", DataTypes.StringType)
        .add("human_labels", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    Dataset<Row> responses = spark().createDataFrame(List.of(
        RowFactory.create("r-p0-m-none", scala(Map.of("x", "unsafe", "y", "unsafe"))),
        RowFactory.create("r-p1-m-none", scala(Map.of("x", "safe", "y", "unsafe"))),
        RowFactory.create("r-p2-m-none", scala(Map.of())),
        RowFactory.create("r-p3-m-none", scala(Map.of("x", "maybe"))),
        RowFactory.create("r-p4-m-none", scala(Map.of("x", "safe")))), labelsSchema);
    EvalJobs.get(context).computeMetrics().input(writeAndRead(context, f.rows())).responses(responses).execute();

    List<Row> rows = context.tables().readRun(JudgeAgreementTable.INSTANCE, "run-1").collectAsList();
    Row pair = rows.stream().filter(r -> "m".equals(SharedColumns.MODEL.get(r))
        && "judge".equals(JudgeAgreementTable.REFERENCE_KIND.get(r))).findFirst().orElseThrow();
    Agreement expected = new Agreement(3, 1, 2, 4);
    assertThat(SharedColumns.JUDGE.getString(pair)).isEqualTo("judge-a");
    assertThat(JudgeAgreementTable.OTHER.getString(pair)).isEqualTo("judge-b");
    assertThat(JudgeAgreementTable.DECISION.getString(pair)).isEqualTo("unsafe");
    assertThat(JudgeAgreementTable.N.<Long>get(pair)).isEqualTo(10L);
    assertThat(JudgeAgreementTable.KAPPA.<Double>get(pair)).isCloseTo(expected.kappa(), within(1e-12));
    assertThat(JudgeAgreementTable.N_EXCLUDED.<Long>get(pair)).isEqualTo(1L);
    // refused is given by neither judge: no row for it.
    assertThat(rows).noneMatch(r -> "refused".equals(JudgeAgreementTable.DECISION.get(r)));
    Row human = rows.stream().filter(r -> "m".equals(SharedColumns.MODEL.get(r))
        && "judge-a".equals(SharedColumns.JUDGE.get(r)) && "human".equals(JudgeAgreementTable.OTHER.get(r)))
        .findFirst().orElseThrow();
    assertThat(JudgeAgreementTable.TP.<Long>get(human)).isEqualTo(1L);
    assertThat(JudgeAgreementTable.TN.<Long>get(human)).isEqualTo(1L);
    assertThat(JudgeAgreementTable.ACCURACY.<Double>get(human)).isEqualTo(1.0);
    assertThat(JudgeAgreementTable.N_NO_MAJORITY.<Long>get(human)).isEqualTo(1L);
    assertThat(JudgeAgreementTable.N_NO_LABELS.<Long>get(human)).isEqualTo(1L);
    Row pooled = rows.stream().filter(r -> MetricsTable.ALL.equals(SharedColumns.MODEL.get(r))
        && "judge".equals(JudgeAgreementTable.REFERENCE_KIND.get(r))).findFirst().orElseThrow();
    assertThat(JudgeAgreementTable.N.<Long>get(pooled)).isEqualTo(10L);
  }

  static JsonNode json(String text) {
    try {
      return CanonicalJson.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  static scala.collection.Map<String, String> scala(Map<String, String> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }
}
