package dev.mmsafety.jobs.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.metrics.BaselineResolver;
import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.jobs.metrics.Regressions;
import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.RegressionsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.MetricSpec;
import dev.mmsafety.udf.report.ReportData;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Gathers what report.html shows from the tables: only aggregated rows, grouped counts and the bounded sample
 * reach the driver. Missing tables (no labels, no earlier runs, no rejects, no responses) give empty sections,
 * never an error. What was run, rejects and samples have their own readers.
 */
public final class ReportDataReader {
  private static final String BY_DATASET = Groupings.name(Groupings.BENCHMARK_ATTACK_DEFENSE_JUDGE);
  private static final String BY_ATTACK = Groupings.name(Groupings.ATTACK_DEFENSE_JUDGE);
  private static final String BY_CATEGORY = Groupings.name(Groupings.CATEGORY_ATTACK_DEFENSE_JUDGE);
  private static final String BY_DEFENSE = Groupings.name(Groupings.DEFENSE_JUDGE);
  private static final String NO_DEFENSE = "none";
  private static final List<String> HEADLINE_METRICS = List.of(MetricSpec.ASR, MetricSpec.OVER_REFUSAL_RATE);

  private final RunContext context;

  public ReportDataReader(RunContext context) {
    this.context = context;
  }

  public ReportData read(Dataset<Row> runMetrics) {
    List<Row> metrics = runMetrics
        .where(col("grouping").isin(BY_DATASET, BY_ATTACK, BY_CATEGORY, BY_DEFENSE))
        .collectAsList();
    Optional<Regressions.Baseline> baseline = BaselineResolver.resolve(context);
    return ReportData.builder(context.runId(), context.runDate())
        .simulatedModels(simulated(runMetrics))
        .redacted(context.config().report().redactSamples())
        .inventory(new InventoryReader(context).read())
        .headline(headline(metrics))
        .heatmap(heatmap(metrics))
        .defenseDeltas(defenseDeltas(metrics))
        .overRefusal(overRefusal(metrics))
        .agreement(agreement())
        .validation(validation())
        .baseline(baseline.map(b -> new ReportData.Baseline(b.runId(), b.runDate())).orElse(null))
        .regressions(baseline.isPresent() ? regressions() : List.of())
        .trend(trend())
        .rejects(new RejectsReader(context).read())
        .samples(new SampleReader(context).read())
        .helpers(helpers())
        .adaptive(adaptive(runMetrics))
        .completeness(dev.mmsafety.jobs.RunCompleteness.of(context))
        .build();
  }

  /** search_asr_at_rounds rows (adaptive attacks), by model, attack, polarity and round limit. */
  private static List<ReportData.SearchRate> adaptive(Dataset<Row> runMetrics) {
    return runMetrics.where(col("metric").equalTo(dev.mmsafety.jobs.metrics.AdaptiveSearchMetrics.METRIC))
        .orderBy("model", "attack", "polarity", dev.mmsafety.schemas.MetricsTable.SEARCH_ROUNDS.name())
        .collectAsList().stream()
        .map(r -> new ReportData.SearchRate(r.getAs("model"), r.getAs("attack"), r.getAs("polarity"),
            r.<Integer>getAs(dev.mmsafety.schemas.MetricsTable.SEARCH_ROUNDS.name()),
            new ReportData.Rate(r.<Long>getAs("n"), r.<Long>getAs("k"), r.getAs("rate"), r.getAs("ci_low"),
                r.getAs("ci_high")),
            r.getAs(dev.mmsafety.schemas.MetricsTable.MEAN_ROUNDS_TO_SUCCESS.name()),
            r.getAs(dev.mmsafety.schemas.MetricsTable.MEAN_CALLS_TO_SUCCESS.name())))
        .toList();
  }

  /** The config's helper models, by endpoint name (the resolved URLs of the simulator mean nothing later). */
  private List<ReportData.Helper> helpers() {
    return context.config().helpers().stream()
        .map(h -> new ReportData.Helper(h.name(), h.role(), h.model(),
            h.endpoints().stream().map(dev.mmsafety.udf.config.EndpointSpec::name).toList(), h.usesSimulator()))
        .toList();
  }

  /** Models any response of this run came from the simulator for (metrics say it; responses too if no metrics). */
  private List<String> simulated(Dataset<Row> metrics) {
    Dataset<Row> source = metrics.isEmpty()
        ? OptionalTables.thisRun(context, ResponsesTable.INSTANCE).orElse(metrics)
        : metrics;
    return source.where(col("simulator")).select(col("model")).distinct().orderBy(col("model")).collectAsList()
        .stream().map(r -> r.getString(0)).toList();
  }

  /** ASR and over-refusal without defense, per model, judge and attack: per dataset and pooled over datasets. */
  private static List<ReportData.HeadlineRate> headline(List<Row> metrics) {
    List<ReportData.HeadlineRate> out = new ArrayList<>();
    for (Row r : metrics) {
      String grouping = MetricsTable.GROUPING.getString(r);
      if (!(BY_ATTACK.equals(grouping) || BY_DATASET.equals(grouping))
          || !HEADLINE_METRICS.contains(MetricsTable.METRIC.getString(r))
          || !NO_DEFENSE.equals(str(r, SharedColumns.DEFENSE))) {
        continue;
      }
      out.add(new ReportData.HeadlineRate(str(r, SharedColumns.MODEL), str(r, SharedColumns.JUDGE),
          BY_ATTACK.equals(grouping) ? ReportData.POOLED : str(r, SharedColumns.DATASET),
          str(r, SharedColumns.ATTACK), MetricsTable.METRIC.getString(r), rate(r),
          MetricsTable.N_ERROR.<Long>get(r), MetricsTable.N_UNPARSEABLE.<Long>get(r)));
    }
    out.sort(Comparator.comparing(ReportData.HeadlineRate::model).thenComparing(ReportData.HeadlineRate::judge)
        .thenComparing(ReportData.HeadlineRate::attack).thenComparing(ReportData.HeadlineRate::dataset));
    return out;
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
        .filter(r -> !JudgeAgreementTable.KIND_VALIDATION.equals(JudgeAgreementTable.REFERENCE_KIND.getString(r)))
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

  /** judge validate's rows, in the order the command prints them (decision, judge, ALL first, categories). */
  private List<dev.mmsafety.udf.metrics.JudgeValidation.Figures> validation() {
    return OptionalTables.thisRun(context, JudgeAgreementTable.INSTANCE).map(d -> d.collectAsList())
        .orElse(List.of()).stream()
        .filter(r -> JudgeAgreementTable.KIND_VALIDATION.equals(JudgeAgreementTable.REFERENCE_KIND.getString(r)))
        .map(dev.mmsafety.jobs.metrics.ValidationRows::fromRow)
        .sorted(Comparator.comparing((dev.mmsafety.udf.metrics.JudgeValidation.Figures f) -> f.decision())
            .reversed() // refused before unsafe, as printed
            .thenComparing(f -> f.judge())
            .thenComparing(f -> dev.mmsafety.udf.metrics.JudgeValidation.ALL.equals(f.category()) ? "" : f.category()))
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

  /** ASR per model, attack and judge without defense (datasets pooled), for every run in the output root. */
  private List<ReportData.TrendPoint> trend() {
    return OptionalTables.all(context, MetricsTable.INSTANCE)
        .map(m -> m.where(col("metric").equalTo(MetricSpec.ASR).and(col("grouping").equalTo(BY_ATTACK))
                .and(col("defense").equalTo(NO_DEFENSE)))
            .select("run_date", "run_id", "model", "attack", "judge", "rate").collectAsList())
        .orElse(List.of()).stream()
        .map(r -> new ReportData.TrendPoint(r.getString(0), r.getString(1),
            r.getString(2) + " \u00b7 " + r.getString(3) + " \u00b7 " + r.getString(4),
            r.isNullAt(5) ? null : r.getDouble(5)))
        .sorted(Comparator.comparing(ReportData.TrendPoint::runDate))
        .toList();
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
