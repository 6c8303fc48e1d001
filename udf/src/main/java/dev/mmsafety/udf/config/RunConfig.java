package dev.mmsafety.udf.config;

import java.util.List;

/**
 * A whole evaluation as the user configures it (YAML, kebab-case keys; see docs/config.md). Everything that
 * changes results is in here, so the config hash identifies a run's inputs together with the data hashes.
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
    ReportSpec report) {

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
  }
}
