package dev.mmsafety.udf.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything report.html shows, already aggregated (the job reads it from the tables). Plain records, so the
 * renderer is tested without Spark.
 */
public record ReportData(
    String runId,
    String runDate,
    List<String> simulatedModels,
    List<Overview> overview,
    List<AttackRate> attackRates,
    List<HeatCell> heatmap,
    List<DefenseDelta> defenseDeltas,
    List<OverRefusal> overRefusal,
    List<AgreementRow> agreement,
    Baseline baseline,
    List<RegressionRow> regressions,
    List<TrendPoint> trend,
    List<RejectCount> rejects,
    List<Sample> samples,
    boolean redacted,
    List<Helper> helpers,
    Completeness completeness) {

  public ReportData {
    Objects.requireNonNull(runId, "runId");
    simulatedModels = List.copyOf(simulatedModels);
    overview = List.copyOf(overview);
    attackRates = List.copyOf(attackRates);
    heatmap = List.copyOf(heatmap);
    defenseDeltas = List.copyOf(defenseDeltas);
    overRefusal = List.copyOf(overRefusal);
    agreement = List.copyOf(agreement);
    regressions = List.copyOf(regressions);
    trend = List.copyOf(trend);
    rejects = List.copyOf(rejects);
    samples = List.copyOf(samples);
    helpers = helpers == null ? List.of() : List.copyOf(helpers);
    completeness = completeness == null ? Completeness.NONE : completeness;
  }

  /** Report data without helper models or completeness figures (the shape before both existed). */
  public ReportData(
      String runId, String runDate, List<String> simulatedModels, List<Overview> overview, List<AttackRate> attackRates,
      List<HeatCell> heatmap, List<DefenseDelta> defenseDeltas, List<OverRefusal> overRefusal,
      List<AgreementRow> agreement, Baseline baseline, List<RegressionRow> regressions, List<TrendPoint> trend,
      List<RejectCount> rejects, List<Sample> samples, boolean redacted) {
    this(runId, runDate, simulatedModels, overview, attackRates, heatmap, defenseDeltas, overRefusal, agreement,
        baseline, regressions, trend, rejects, samples, redacted, null, null);
  }

  /**
   * How complete the run is and what it reused: the budget caps rows ran into, rows per dataset and those not run
   * (a run with any not run is partial), and answers reused from the response cache by the run they were first
   * answered in (other runs only).
   */
  public record Completeness(
      String cacheScope, List<String> caps, Map<String, Long> rowsByDataset, Map<String, Long> notRunByDataset,
      Map<String, Long> reusedFrom) {
    public static final Completeness NONE = new Completeness(null, List.of(), Map.of(), Map.of(), Map.of());

    public Completeness {
      caps = List.copyOf(caps);
      rowsByDataset = Map.copyOf(rowsByDataset);
      notRunByDataset = Map.copyOf(notRunByDataset);
      reusedFrom = Map.copyOf(reusedFrom);
    }

    public boolean partial() {
      return !notRunByDataset.isEmpty();
    }

    public long reused() {
      return reusedFrom.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** A proportion with its Wilson interval; rate and bounds null when n = 0. */
  public record Rate(long n, long k, Double rate, Double low, Double high) {}

  public record Overview(
      String model, String judge, boolean simulator, Rate asr, Rate refusal, Rate overRefusal, long nError,
      long nUnparseable) {}

  public record AttackRate(String model, String judge, String attack, Rate asr) {}

  public record HeatCell(String model, String judge, String category, String attack, Rate asr) {}

  public record DefenseDelta(
      String model, String judge, String defense, String metric, long n, Double delta, Double pValue, String test) {}

  public record OverRefusal(String model, String judge, String defense, Rate rate) {}

  public record AgreementRow(
      String model, String judge, String other, String decision, long n, Double agreement, Double kappa,
      Double precision, Double recall, Double f1, long nExcluded) {}

  /** The run compared against; null in ReportData when there is none. */
  public record Baseline(String runId, String runDate) {}

  public record RegressionRow(
      String model, String grouping, String group, String metric, Double baselineRate, Double rate, Double delta,
      Double pValue, boolean flagged) {}

  public record TrendPoint(String runDate, String runId, String series, Double rate) {}

  public record RejectCount(String stage, String reasonCode, long count) {}

  /**
   * One sample response. {@code text} is null when redacted or unavailable; {@code note} says which.
   */
  public record Sample(
      String model, String caseId, String attack, String defense, String polarity, String verdicts, String text,
      String note) {}

  /**
   * A helper model of the run (helpers:): what it was used as, never evaluated itself.
   *
   * @param endpoints endpoint names (never URLs)
   */
  public record Helper(String name, String role, String model, List<String> endpoints, boolean simulator) {
    public Helper {
      endpoints = List.copyOf(endpoints);
    }
  }
}
