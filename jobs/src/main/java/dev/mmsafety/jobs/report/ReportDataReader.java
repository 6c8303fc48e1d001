package dev.mmsafety.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.metrics.BaselineResolver;
import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.jobs.metrics.Regressions;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RegressionsTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.MetricSpec;
import dev.mmsafety.udf.report.Redaction;
import dev.mmsafety.udf.report.ReportData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Gathers what report.html shows from the tables: only aggregated rows and a handful of samples reach the
 * driver. Missing tables (no labels, no earlier runs, no rejects) give empty sections, never an error.
 */
public final class ReportDataReader {
  /** Sample responses per model and polarity. */
  public static final int SAMPLES_PER_MODEL = 2;

  private static final String OVERALL = Groupings.name(Groupings.JUDGE_ONLY);
  private static final String BY_ATTACK = Groupings.name(Groupings.ATTACK_DEFENSE_JUDGE);
  private static final String BY_CATEGORY = Groupings.name(Groupings.CATEGORY_ATTACK_DEFENSE_JUDGE);
  private static final String BY_DEFENSE = Groupings.name(Groupings.DEFENSE_JUDGE);
  private static final String NO_DEFENSE = "none";

  private final RunContext context;

  public ReportDataReader(RunContext context) {
    this.context = context;
  }

  public ReportData read(Dataset<Row> runMetrics) {
    List<Row> metrics = runMetrics
        .where(col("grouping").isin(OVERALL, BY_ATTACK, BY_CATEGORY, BY_DEFENSE))
        .collectAsList();
    Optional<Regressions.Baseline> baseline = BaselineResolver.resolve(context);
    return new ReportData(
        context.runId(),
        context.runDate(),
        simulated(runMetrics),
        overview(metrics),
        attackRates(metrics),
        heatmap(metrics),
        defenseDeltas(metrics),
        overRefusal(metrics),
        agreement(),
        baseline.map(b -> new ReportData.Baseline(b.runId(), b.runDate())).orElse(null),
        baseline.isPresent() ? regressions() : List.of(),
        trend(),
        rejects(),
        samples(),
        context.config().report().redactSamples(),
        helpers(),
        dev.mmsafety.jobs.RunCompleteness.of(context));
  }

  /** The config's helper models, by endpoint name (the resolved URLs of the simulator mean nothing later). */
  private List<ReportData.Helper> helpers() {
    return context.config().helpers().stream()
        .map(h -> new ReportData.Helper(h.name(), h.role(), h.model(),
            h.endpoints().stream().map(dev.mmsafety.udf.config.EndpointSpec::name).toList(), h.usesSimulator()))
        .toList();
  }

  private static List<String> simulated(Dataset<Row> metrics) {
    return metrics.where(col("simulator")).select(col("model")).distinct().orderBy(col("model")).collectAsList()
        .stream().map(r -> r.getString(0)).toList();
  }

  private static List<ReportData.Overview> overview(List<Row> metrics) {
    Map<List<String>, Map<String, Row>> byModelJudge = new java.util.TreeMap<>(
        Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
    for (Row r : select(metrics, OVERALL, null)) {
      byModelJudge.computeIfAbsent(List.of(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE)),
          k -> new HashMap<>()).put(MetricsTable.METRIC.getString(r), r);
    }
    List<ReportData.Overview> out = new ArrayList<>();
    for (Map.Entry<List<String>, Map<String, Row>> e : byModelJudge.entrySet()) {
      Map<String, Row> m = e.getValue();
      Row asr = m.get(MetricSpec.ASR);
      Row over = m.get(MetricSpec.OVER_REFUSAL_RATE);
      boolean simulator = m.values().stream().anyMatch(r -> Boolean.TRUE.equals(SharedColumns.SIMULATOR.get(r)));
      out.add(new ReportData.Overview(e.getKey().get(0), e.getKey().get(1), simulator, rate(asr),
          rate(m.get(MetricSpec.REFUSAL_RATE)), rate(over), errors(asr, MetricsTable.N_ERROR)
              + errors(over, MetricsTable.N_ERROR),
          errors(asr, MetricsTable.N_UNPARSEABLE) + errors(over, MetricsTable.N_UNPARSEABLE)));
    }
    return out;
  }

  private static List<ReportData.AttackRate> attackRates(List<Row> metrics) {
    return select(metrics, BY_ATTACK, MetricSpec.ASR).stream()
        .filter(r -> NO_DEFENSE.equals(str(r, SharedColumns.DEFENSE)))
        .map(r -> new ReportData.AttackRate(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
            str(r, SharedColumns.ATTACK), rate(r)))
        .sorted(Comparator.comparing(ReportData.AttackRate::model).thenComparing(ReportData.AttackRate::judge)
            .thenComparing(ReportData.AttackRate::attack))
        .toList();
  }

  private static List<ReportData.HeatCell> heatmap(List<Row> metrics) {
    return select(metrics, BY_CATEGORY, MetricSpec.ASR).stream()
        .filter(r -> NO_DEFENSE.equals(str(r, SharedColumns.DEFENSE)))
        .map(r -> new ReportData.HeatCell(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
            str(r, SharedColumns.CANONICAL_CATEGORY), str(r, SharedColumns.ATTACK), rate(r)))
        .sorted(Comparator.comparing(ReportData.HeatCell::model).thenComparing(ReportData.HeatCell::judge))
        .toList();
  }

  private static List<ReportData.DefenseDelta> defenseDeltas(List<Row> metrics) {
    List<ReportData.DefenseDelta> out = new ArrayList<>();
    for (String metric : List.of(MetricSpec.ASR_DELTA, MetricSpec.OVER_REFUSAL_DELTA)) {
      for (Row r : select(metrics, BY_DEFENSE, metric)) {
        JsonNode detail = json(MetricsTable.DETAIL.getString(r));
        out.add(new ReportData.DefenseDelta(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
            str(r, SharedColumns.DEFENSE), metric, MetricsTable.N.<Long>get(r), MetricsTable.RATE.get(r),
            detail.path("p_value").isNumber() ? detail.get("p_value").asDouble() : null,
            detail.path("test").asText("")));
      }
    }
    out.sort(Comparator.comparing(ReportData.DefenseDelta::model).thenComparing(ReportData.DefenseDelta::defense)
        .thenComparing(ReportData.DefenseDelta::judge));
    return out;
  }

  private static List<ReportData.OverRefusal> overRefusal(List<Row> metrics) {
    return select(metrics, BY_DEFENSE, MetricSpec.OVER_REFUSAL_RATE).stream()
        .map(r -> new ReportData.OverRefusal(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
            str(r, SharedColumns.DEFENSE), rate(r)))
        .sorted(Comparator.comparing(ReportData.OverRefusal::model).thenComparing(ReportData.OverRefusal::defense)
            .thenComparing(ReportData.OverRefusal::judge))
        .toList();
  }

  private List<ReportData.AgreementRow> agreement() {
    return OptionalTables.thisRun(context, JudgeAgreementTable.INSTANCE).map(d -> d.collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new ReportData.AgreementRow(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
            JudgeAgreementTable.OTHER.getString(r), JudgeAgreementTable.DECISION.getString(r),
            JudgeAgreementTable.N.<Long>get(r), JudgeAgreementTable.AGREEMENT.get(r),
            JudgeAgreementTable.KAPPA.get(r), JudgeAgreementTable.PRECISION.get(r),
            JudgeAgreementTable.RECALL.get(r), JudgeAgreementTable.F1.get(r),
            JudgeAgreementTable.N_EXCLUDED.<Long>get(r)))
        .sorted(Comparator.comparing(ReportData.AgreementRow::model).thenComparing(ReportData.AgreementRow::judge)
            .thenComparing(ReportData.AgreementRow::other).thenComparing(ReportData.AgreementRow::decision))
        .toList();
  }

  private List<ReportData.RegressionRow> regressions() {
    return OptionalTables.thisRun(context, RegressionsTable.INSTANCE).map(d -> d.collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new ReportData.RegressionRow(str(r, SharedColumns.MODEL), RegressionsTable.GROUPING.getString(r),
            group(r), RegressionsTable.METRIC.getString(r), RegressionsTable.BASELINE_RATE.get(r),
            RegressionsTable.RATE.get(r), RegressionsTable.DELTA.get(r), RegressionsTable.P_VALUE.get(r),
            RegressionsTable.FLAGGED.<Boolean>get(r)))
        .toList();
  }

  /** The group's non-ALL dimension values, e.g. "figstep / typo / none / llm". */
  private static String group(Row r) {
    List<String> parts = new ArrayList<>();
    for (dev.mmsafety.schemas.Column c : List.of(SharedColumns.BENCHMARK, SharedColumns.DATASET,
        SharedColumns.CANONICAL_CATEGORY, SharedColumns.NATIVE_CATEGORY, SharedColumns.ATTACK,
        SharedColumns.DEFENSE, SharedColumns.JUDGE)) {
      String v = c.getString(r);
      if (v != null && !MetricsTable.ALL.equals(v)) {
        parts.add(v);
      }
    }
    return String.join(" / ", parts);
  }

  private List<ReportData.TrendPoint> trend() {
    return OptionalTables.all(context, MetricsTable.INSTANCE)
        .map(m -> m.where(col("metric").equalTo(MetricSpec.ASR).and(col("grouping").equalTo(OVERALL)))
            .select("run_date", "run_id", "model", "judge", "rate").collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new ReportData.TrendPoint(r.getString(0), r.getString(1), r.getString(2) + " \u00b7 " + r.getString(3),
            r.isNullAt(4) ? null : r.getDouble(4)))
        .sorted(Comparator.comparing(ReportData.TrendPoint::runDate))
        .toList();
  }

  private List<ReportData.RejectCount> rejects() {
    return OptionalTables.thisRun(context, RejectsTable.INSTANCE)
        .map(d -> d.groupBy("stage", "reason_code").agg(count("*").as("n")).collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new ReportData.RejectCount(r.getString(0), r.getString(1), r.getLong(2)))
        .sorted(Comparator.comparing(ReportData.RejectCount::stage).thenComparing(ReportData.RejectCount::reasonCode))
        .toList();
  }

  /** A few responses per model x polarity, those some judge called unsafe first, with every judge's verdict. */
  private List<ReportData.Sample> samples() {
    Optional<Dataset<Row>> judgments = OptionalTables.thisRun(context, JudgmentsTable.INSTANCE);
    if (judgments.isEmpty()) {
      return List.of();
    }
    Dataset<Row> verdicts = judgments.get()
        .groupBy("response_id")
        .agg(first("model").as("model"), first("case_id").as("case_id"), first("attack").as("attack"),
            first("defense").as("defense"), first("polarity").as("polarity"),
            max(col("unsafe").cast("int")).as("any_unsafe"),
            concat_ws("; ", collect_list(concat_ws(": ", col("judge"), col("verdict")))).as("verdicts"));
    Dataset<Row> picked = verdicts
        .withColumn("rn", row_number().over(Window.partitionBy("model", "polarity")
            .orderBy(col("any_unsafe").desc_nulls_last(), col("response_id"))))
        .where(col("rn").leq(SAMPLES_PER_MODEL));
    Optional<Dataset<Row>> responses = OptionalTables.thisRun(context, ResponsesTable.INSTANCE);
    Dataset<Row> rows = responses
        .map(r -> picked.join(r.select(col("response_id").as("r_id"), col("text"), col("text_sha256")),
            col("response_id").equalTo(col("r_id")), "left"))
        .orElse(picked.withColumn("text", org.apache.spark.sql.functions.lit(null).cast("string"))
            .withColumn("text_sha256", org.apache.spark.sql.functions.lit(null).cast("string")));
    boolean redact = context.config().report().redactSamples();
    List<ReportData.Sample> out = new ArrayList<>();
    for (Row r : rows.orderBy("model", "polarity", "rn").collectAsList()) {
      Object anyUnsafe = r.getAs("any_unsafe");
      out.add(Redaction.sample(r.getAs("model"), r.getAs("case_id"), r.getAs("attack"), r.getAs("defense"),
          r.getAs("polarity"), r.getAs("verdicts"), r.getAs("text"), r.getAs("text_sha256"),
          anyUnsafe != null && ((Number) anyUnsafe).intValue() > 0, redact));
    }
    return out;
  }

  private static List<Row> select(List<Row> metrics, String grouping, String metric) {
    return metrics.stream()
        .filter(r -> grouping.equals(MetricsTable.GROUPING.getString(r))
            && (metric == null || metric.equals(MetricsTable.METRIC.getString(r))))
        .toList();
  }

  private static ReportData.Rate rate(Row r) {
    if (r == null) {
      return null;
    }
    return new ReportData.Rate(MetricsTable.N.<Long>get(r), MetricsTable.K.<Long>get(r), MetricsTable.RATE.get(r),
        MetricsTable.CI_LOW.get(r), MetricsTable.CI_HIGH.get(r));
  }

  private static long errors(Row r, dev.mmsafety.schemas.Column c) {
    return r == null ? 0 : c.<Long>get(r);
  }

  private static String str(Row r, dev.mmsafety.schemas.Column c) {
    return c.getString(r);
  }

  private static JsonNode json(String text) {
    try {
      return CanonicalJson.mapper().readTree(text == null ? "{}" : text);
    } catch (IOException e) {
      return CanonicalJson.mapper().createObjectNode();
    }
  }
}
