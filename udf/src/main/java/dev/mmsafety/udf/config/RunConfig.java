package dev.mmsafety.udf.config;

import java.util.List;

/**
 * A whole evaluation as the user configures it (YAML, kebab-case keys; see docs/config.md). Everything that
 * changes results is in here, so the config hash identifies a run's inputs together with the data hashes.
 * {@code models} are the models under test only; guards, LLM judges, captioners, attackers and rewriters are
 * {@code helpers}, named by the defenses, judges and attacks that call them.
 */
public record RunConfig(
    RunSpec run,
    SparkSpec spark,
    List<DatasetSpec> datasets,
    List<AttackSpec> attacks,
    List<ModelSpec> models,
    List<DefenseSpec> defenses,
    List<JudgeSpec> judges,
    InferenceSpec inference,
    SimulatorSpec simulator,
    ReportSpec report,
    List<ModelSpec> helpers) {

  public RunConfig {
    spark = spark == null ? SparkSpec.DEFAULT : spark;
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
    attacks = attacks == null || attacks.isEmpty() ? List.of(AttackSpec.NONE) : List.copyOf(attacks);
    models = models == null ? List.of() : List.copyOf(models);
    defenses = defenses == null || defenses.isEmpty() ? List.of(DefenseSpec.NONE) : List.copyOf(defenses);
    judges = judges == null ? List.of() : List.copyOf(judges);
    inference = inference == null ? InferenceSpec.DEFAULT : inference;
    simulator = simulator == null ? SimulatorSpec.DEFAULT : simulator;
    report = report == null ? ReportSpec.DEFAULT : report;
    helpers = helpers == null ? List.of() : List.copyOf(helpers);
  }

  /** A config without helpers (the ten sections before helpers: existed). */
  public RunConfig(
      RunSpec run,
      SparkSpec spark,
      List<DatasetSpec> datasets,
      List<AttackSpec> attacks,
      List<ModelSpec> models,
      List<DefenseSpec> defenses,
      List<JudgeSpec> judges,
      InferenceSpec inference,
      SimulatorSpec simulator,
      ReportSpec report) {
    this(run, spark, datasets, attacks, models, defenses, judges, inference, simulator, report, null);
  }

  /** A config with only its run section set; every other section takes its default. */
  public static RunConfig of(RunSpec run) {
    return new RunConfig(run, null, null, null, null, null, null, null, null, null, null);
  }

  // One copy-with per section (named as its component), so code that changes one part never restates the others.

  public RunConfig withRun(RunSpec value) {
    return RecordEdit.replace(this, "run", value);
  }

  public RunConfig withSpark(SparkSpec value) {
    return RecordEdit.replace(this, "spark", value);
  }

  public RunConfig withDatasets(List<DatasetSpec> value) {
    return RecordEdit.replace(this, "datasets", value);
  }

  public RunConfig withAttacks(List<AttackSpec> value) {
    return RecordEdit.replace(this, "attacks", value);
  }

  public RunConfig withModels(List<ModelSpec> value) {
    return RecordEdit.replace(this, "models", value);
  }

  public RunConfig withDefenses(List<DefenseSpec> value) {
    return RecordEdit.replace(this, "defenses", value);
  }

  public RunConfig withJudges(List<JudgeSpec> value) {
    return RecordEdit.replace(this, "judges", value);
  }

  public RunConfig withInference(InferenceSpec value) {
    return RecordEdit.replace(this, "inference", value);
  }

  public RunConfig withSimulator(SimulatorSpec value) {
    return RecordEdit.replace(this, "simulator", value);
  }

  public RunConfig withReport(ReportSpec value) {
    return RecordEdit.replace(this, "report", value);
  }

  public RunConfig withHelpers(List<ModelSpec> value) {
    return RecordEdit.replace(this, "helpers", value);
  }

  /** The helper called {@code name}, or null when none is declared. */
  public ModelSpec helper(String name) {
    return helpers.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
  }
}
