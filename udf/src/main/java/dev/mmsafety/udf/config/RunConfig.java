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

  // One copy-with per section, so code that changes one part never restates the other nine.

  public RunConfig withRun(RunSpec value) {
    return new RunConfig(value, spark, datasets, attacks, models, defenses, judges, inference, simulator, report, helpers);
  }

  public RunConfig withSpark(SparkSpec value) {
    return new RunConfig(run, value, datasets, attacks, models, defenses, judges, inference, simulator, report, helpers);
  }

  public RunConfig withDatasets(List<DatasetSpec> value) {
    return new RunConfig(run, spark, value, attacks, models, defenses, judges, inference, simulator, report, helpers);
  }

  public RunConfig withAttacks(List<AttackSpec> value) {
    return new RunConfig(run, spark, datasets, value, models, defenses, judges, inference, simulator, report, helpers);
  }

  public RunConfig withModels(List<ModelSpec> value) {
    return new RunConfig(run, spark, datasets, attacks, value, defenses, judges, inference, simulator, report, helpers);
  }

  public RunConfig withDefenses(List<DefenseSpec> value) {
    return new RunConfig(run, spark, datasets, attacks, models, value, judges, inference, simulator, report, helpers);
  }

  public RunConfig withJudges(List<JudgeSpec> value) {
    return new RunConfig(run, spark, datasets, attacks, models, defenses, value, inference, simulator, report, helpers);
  }

  public RunConfig withInference(InferenceSpec value) {
    return new RunConfig(run, spark, datasets, attacks, models, defenses, judges, value, simulator, report, helpers);
  }

  public RunConfig withSimulator(SimulatorSpec value) {
    return new RunConfig(run, spark, datasets, attacks, models, defenses, judges, inference, value, report, helpers);
  }

  public RunConfig withReport(ReportSpec value) {
    return new RunConfig(run, spark, datasets, attacks, models, defenses, judges, inference, simulator, value, helpers);
  }

  public RunConfig withHelpers(List<ModelSpec> value) {
    return new RunConfig(run, spark, datasets, attacks, models, defenses, judges, inference, simulator, report, value);
  }

  /** The helper called {@code name}, or null when none is declared. */
  public ModelSpec helper(String name) {
    return helpers.stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
  }
}
