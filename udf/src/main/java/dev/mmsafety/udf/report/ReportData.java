package dev.mmsafety.udf.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything report.html shows, already aggregated (the job reads it from the tables). Plain records, so the
 * renderer is tested without Spark. Built with {@link #builder}; a section that needs new data adds a component,
 * a builder setter and a {@link ReportSection}.
 */
public record ReportData(
    String runId,
    String runDate,
    List<String> simulatedModels,
    boolean redacted,
    Inventory inventory,
    List<HeadlineRate> headline,
    List<HeatCell> heatmap,
    List<DefenseDelta> defenseDeltas,
    List<OverRefusal> overRefusal,
    List<AgreementRow> agreement,
    Baseline baseline,
    List<RegressionRow> regressions,
    List<TrendPoint> trend,
    Rejects rejects,
    SampleSet samples,
    List<Helper> helpers,
    Completeness completeness,
    List<dev.mmsafety.udf.metrics.JudgeValidation.Figures> validation,
    List<SearchRate> adaptive) {

  /** The dataset value of a headline rate pooled over every dataset the attack ran on. */
  public static final String POOLED = "ALL";

  public ReportData {
    Objects.requireNonNull(runId, "runId");
    simulatedModels = List.copyOf(simulatedModels);
    inventory = Objects.requireNonNull(inventory, "inventory");
    headline = List.copyOf(headline);
    heatmap = List.copyOf(heatmap);
    defenseDeltas = List.copyOf(defenseDeltas);
    overRefusal = List.copyOf(overRefusal);
    agreement = List.copyOf(agreement);
    regressions = List.copyOf(regressions);
    trend = List.copyOf(trend);
    rejects = Objects.requireNonNull(rejects, "rejects");
    samples = Objects.requireNonNull(samples, "samples");
    helpers = helpers == null ? List.of() : List.copyOf(helpers);
    completeness = completeness == null ? Completeness.NONE : completeness;
    validation = validation == null ? List.of() : List.copyOf(validation);
    adaptive = adaptive == null ? List.of() : List.copyOf(adaptive);
  }

  /**
   * An adaptive attack's search success (metric search_asr_at_rounds) for one model, attack and polarity: the
   * share of searches that succeeded within {@code rounds} rounds, and the means over the successful ones.
   */
  public record SearchRate(String model, String attack, String polarity, int rounds, Rate rate, Double meanRounds,
      Double meanCalls) {}

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

  /**
   * How complete the run is and what it reused: the budget caps rows ran into, rows per dataset and those not run
   * (a run with any not run is partial), and answers reused from the response cache by the run they were first
   * answered in (other runs only).
   */
  public record Completeness(
      String cacheScope, List<String> caps, java.util.Map<String, Long> rowsByDataset,
      java.util.Map<String, Long> notRunByDataset, java.util.Map<String, Long> reusedFrom) {
    public static final Completeness NONE =
        new Completeness(null, List.of(), java.util.Map.of(), java.util.Map.of(), java.util.Map.of());

    public Completeness {
      caps = List.copyOf(caps);
      rowsByDataset = java.util.Map.copyOf(rowsByDataset);
      notRunByDataset = java.util.Map.copyOf(notRunByDataset);
      reusedFrom = java.util.Map.copyOf(reusedFrom);
    }

    public boolean partial() {
      return !notRunByDataset.isEmpty();
    }

    public long reused() {
      return reusedFrom.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public static Builder builder(String runId, String runDate) {
    return new Builder(runId, runDate);
  }

  /** True when any row of the run was answered by the built-in simulator: every chart then carries the marker. */
  public boolean simulated() {
    return !simulatedModels.isEmpty();
  }

  /** A proportion with its Wilson interval; rate and bounds null when n = 0. */
  public record Rate(long n, long k, Double rate, Double low, Double high) {}

  /**
   * One headline figure: a metric of one model, judge and attack without defense, for one dataset or pooled over
   * the attack's datasets ({@link #POOLED}).
   */
  public record HeadlineRate(
      String model, String judge, String dataset, String attack, String metric, Rate rate, long nError,
      long nUnparseable) {}

  /** What was run: datasets with case counts, attacks, defenses, judges and models. */
  public record Inventory(
      List<DatasetRow> datasets, List<ComponentRow> attacks, List<ComponentRow> defenses, List<JudgeRow> judges,
      List<ModelRow> models) {
    public static final Inventory EMPTY = new Inventory(List.of(), List.of(), List.of(), List.of(), List.of());

    public Inventory {
      datasets = List.copyOf(datasets);
      attacks = List.copyOf(attacks);
      defenses = List.copyOf(defenses);
      judges = List.copyOf(judges);
      models = List.copyOf(models);
    }

    public long cases() {
      return datasets.stream().mapToLong(d -> d.harmful() + d.benign()).sum();
    }
  }

  /** Cases of one dataset variant, by polarity. */
  public record DatasetRow(String dataset, String benchmark, String variant, long harmful, long benign) {}

  /**
   * An attack or defense as configured. {@code params} is display JSON with secrets masked; {@code rows} counts
   * probes (attacks) or responses (defenses), null when unknown.
   */
  public record ComponentRow(String name, String type, String params, String scope, Long rows) {}

  /** A judge as configured, with the template hashes its verdicts carry. */
  public record JudgeRow(String name, String type, String params, List<String> templates) {
    public JudgeRow {
      templates = List.copyOf(templates);
    }
  }

  /** A model under test; endpoints are display strings with credentials and query strings removed. */
  public record ModelRow(
      String name, String modelId, List<String> endpoints, boolean simulator, String generation, Long responses) {
    public ModelRow {
      endpoints = List.copyOf(endpoints);
    }
  }

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

  /** Rejected input: the total, counts by stage and reason, and the first rows in full. */
  public record Rejects(long total, List<RejectCount> counts, List<RejectRow> first) {
    public static final Rejects NONE = new Rejects(0, List.of(), List.of());

    public Rejects {
      counts = List.copyOf(counts);
      first = List.copyOf(first);
    }
  }

  public record RejectCount(String stage, String reasonCode, long count) {}

  public record RejectRow(
      String stage, String dataset, String file, String row, String field, String reasonCode, String reason) {}

  /**
   * The sample browser's rows: a stratified sample of the run's {@code responses} responses, at most
   * {@code perCell} per stratum and {@code cap} in all (see {@link SampleStrata}).
   */
  public record SampleSet(long responses, int perCell, int cap, List<Sample> samples) {
    public static final SampleSet NONE = new SampleSet(0, 0, SampleStrata.CAP, List.of());

    public SampleSet {
      samples = List.copyOf(samples);
    }
  }

  /**
   * One sampled response with its prompt, images, answer and every verdict. {@code text} is the (shortened)
   * answer or null when none is stored ({@code note} says why); {@code covered} answers are hidden until the
   * reader clicks to reveal them. {@code details} holds optional columns the tables carry (e.g. revision,
   * answer_channel), shown as they are.
   */
  public record Sample(
      String responseId, String caseId, String model, String benchmark, String dataset, String variant,
      String category, String attack, String defense, String polarity, boolean simulator, String outcome, boolean disagreement,
      String status, String prompt, List<Image> images, String text, boolean covered, int textChars, String note,
      List<Verdict> verdicts, java.util.Map<String, String> details) {
    public Sample {
      images = List.copyOf(images);
      verdicts = List.copyOf(verdicts);
      details = details == null ? java.util.Map.of() : new java.util.TreeMap<>(details);
    }
  }

  /**
   * An image part of the probe: {@code path} is relative to report.html when {@code linked}, else the image's
   * URI outside the output root (shown, not linked).
   */
  public record Image(String path, boolean linked) {}

  /** One judge's verdict; {@code refusedBy} (model or defense) is null where the tables do not say. */
  public record Verdict(
      String judge, String status, String verdict, Boolean refused, Boolean unsafe, String refusedBy,
      String reason) {}

  /** Builds a ReportData; every list defaults to empty, inventory, rejects and samples to none. */
  public static final class Builder {
    private final String runId;
    private final String runDate;
    private List<String> simulatedModels = List.of();
    private boolean redacted = true;
    private Inventory inventory = Inventory.EMPTY;
    private List<HeadlineRate> headline = List.of();
    private List<HeatCell> heatmap = List.of();
    private List<DefenseDelta> defenseDeltas = List.of();
    private List<OverRefusal> overRefusal = List.of();
    private List<AgreementRow> agreement = List.of();
    private Baseline baseline;
    private List<RegressionRow> regressions = List.of();
    private List<TrendPoint> trend = List.of();
    private Rejects rejects = Rejects.NONE;
    private SampleSet samples = SampleSet.NONE;
    private List<Helper> helpers = List.of();
    private Completeness completeness = Completeness.NONE;
    private List<dev.mmsafety.udf.metrics.JudgeValidation.Figures> validation = List.of();
    private List<SearchRate> adaptive = List.of();

    private Builder(String runId, String runDate) {
      this.runId = runId;
      this.runDate = runDate;
    }

    public Builder simulatedModels(List<String> value) { simulatedModels = value; return this; }
    public Builder redacted(boolean value) { redacted = value; return this; }
    public Builder inventory(Inventory value) { inventory = value; return this; }
    public Builder headline(List<HeadlineRate> value) { headline = value; return this; }
    public Builder heatmap(List<HeatCell> value) { heatmap = value; return this; }
    public Builder defenseDeltas(List<DefenseDelta> value) { defenseDeltas = value; return this; }
    public Builder overRefusal(List<OverRefusal> value) { overRefusal = value; return this; }
    public Builder agreement(List<AgreementRow> value) { agreement = value; return this; }
    public Builder baseline(Baseline value) { baseline = value; return this; }
    public Builder regressions(List<RegressionRow> value) { regressions = value; return this; }
    public Builder trend(List<TrendPoint> value) { trend = value; return this; }
    public Builder rejects(Rejects value) { rejects = value; return this; }
    public Builder samples(SampleSet value) { samples = value; return this; }
    public Builder helpers(List<Helper> value) { helpers = value; return this; }
    public Builder adaptive(List<SearchRate> value) { adaptive = value; return this; }
    public Builder completeness(Completeness value) { completeness = value; return this; }

    /** judge validate's figures (judge_agreement rows of kind validation). */
    public Builder validation(List<dev.mmsafety.udf.metrics.JudgeValidation.Figures> value) {
      validation = value;
      return this;
    }

    public ReportData build() {
      return new ReportData(runId, runDate, simulatedModels, redacted, inventory, headline, heatmap, defenseDeltas,
          overRefusal, agreement, baseline, regressions, trend, rejects, samples, helpers, completeness,
          validation, adaptive);
    }
  }
}
