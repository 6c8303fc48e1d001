package dev.mmsafety.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestConfigCopies {
  private static final String YAML = """
      run: {name: nightly, output: /tmp/out, run-date: "2026-05-01", seed: 7}
      spark: {partitions: 3, conf: {spark.executor.memory: 2g}}
      datasets: [{name: d, benchmark: figstep, path: /data}]
      attacks: [{name: figstep}]
      models: [{name: m, endpoints: [{name: e, url: "http://h:1/v1"}], api-key-env: KEY}]
      defenses: [{name: none}]
      judges: [{name: advbench, type: refusal-strings, params: {list: advbench}}]
      inference: {window: 16, max-attempts: 3}
      simulator: {capacity: 8}
      report: {response-text: hash}
      """;

  @Test
  void eachCopyChangesItsSectionAndKeepsEveryOther() {
    RunConfig c = ConfigLoader.parse(YAML, "t.yaml");
    RunConfig dated = c.withRun(c.run().withRunDate("2026-05-02"));
    assertThat(dated.run()).isEqualTo(new RunSpec("nightly", "/tmp/out", "2026-05-02", 7L));
    assertThat(dated).isEqualTo(new RunConfig(dated.run(), c.spark(), c.datasets(), c.attacks(), c.models(),
        c.defenses(), c.judges(), c.inference(), c.simulator(), c.report()));
    assertThat(c.withSpark(c.spark().withPartitions(9)).spark()).isEqualTo(new SparkSpec("local[2]", 9,
        Map.of("spark.executor.memory", "2g")));
    assertThat(c.withDatasets(List.of()).datasets()).isEmpty();
    assertThat(c.withAttacks(List.of()).attacks()).containsExactly(AttackSpec.NONE);
    assertThat(c.withDefenses(null).defenses()).containsExactly(DefenseSpec.NONE);
    assertThat(c.withJudges(List.of()).judges()).isEmpty();
    assertThat(c.withSimulator(null).simulator()).isEqualTo(SimulatorSpec.DEFAULT);
    assertThat(c.withReport(ReportSpec.DEFAULT).report().responseText()).isEqualTo(ReportSpec.TEXT_FULL);
    for (RunConfig changed : List.of(c.withInference(InferenceSpec.DEFAULT), c.withModels(List.of()),
        c.withRun(c.run().withName("x")))) {
      assertThat(changed).isNotEqualTo(c);
      assertThat(changed.datasets()).isEqualTo(c.datasets());
      assertThat(changed.report()).isEqualTo(c.report());
    }
  }

  @Test
  void specCopiesChangeOneField() {
    RunConfig c = ConfigLoader.parse(YAML, "t.yaml");
    ModelSpec m = c.models().get(0);
    EndpointSpec e = m.endpoints().get(0);
    ModelSpec moved = m.with(b -> b.endpoints = List.of(e.withUrl("http://g:2/v1")));
    assertThat(moved.endpoints()).containsExactly(new EndpointSpec("e", "http://g:2/v1", null, false));
    assertThat(moved.with(b -> b.endpoints = m.endpoints())).isEqualTo(m);
    assertThat(m.with(b -> b.apiKeyEnv = null).apiKeyEnv()).isNull();
    assertThat(m.with(b -> b.imageTransport = ModelSpec.TRANSPORT_URI).imageTransport()).isEqualTo("uri");
    InferenceSpec i = c.inference().with(s -> {
      s.window = 4;
      s.maxAttempts = 1;
      s.timeoutMs = 300L;
      s.breakerFailures = 2;
      s.progressSeconds = 9;
    });
    assertThat(i).isEqualTo(new InferenceSpec(4, 1, c.inference().backoffMs(), c.inference().maxBackoffMs(), 300L,
        c.inference().maxErrorRate(), null, null, 2, c.inference().breakerOpenMs(), 9, null, null));
    // A copy checks what the constructor checks.
    assertThatThrownBy(() -> c.inference().with(s -> s.window = 0))
        .hasMessage("Invalid inference settings: window, max-attempts and timeout-ms must be positive");
    assertThat(RunConfig.of(new RunSpec(null, "/o", null, null)))
        .isEqualTo(new RunConfig(new RunSpec("run", "/o", null, RunSpec.SEED_DEFAULT), null, null, null, null, null,
            null, null, null, null));
  }
}
