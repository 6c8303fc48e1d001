package dev.mmsafety.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TestConfigLoader {
  private static final String MINIMAL =
      """
      run: {output: /tmp/x}
      datasets:
        - {name: fs, benchmark: figstep, path: /data/figstep}
      models:
        - name: m
          endpoints: [{name: e0, url: "http://127.0.0.1:9/v1"}]
          api-key-env: MY_KEY
          generation: {temperature: 0.5, max-tokens: 64, top-p: 0.9}
      judges:
        - {name: advbench, type: refusal-strings, params: {list: advbench}}
      """;

  @Test
  void parsesKebabCaseKeysAndFillsDefaults() {
    RunConfig config = ConfigLoader.parse(MINIMAL, "t.yaml");
    assertThat(config.run().seed()).isEqualTo(RunSpec.SEED_DEFAULT);
    assertThat(config.attacks()).containsExactly(AttackSpec.NONE);
    assertThat(config.defenses()).containsExactly(DefenseSpec.NONE);
    ModelSpec model = config.models().get(0);
    assertThat(model.model()).isEqualTo("m");
    assertThat(model.apiKeyEnv()).isEqualTo("MY_KEY");
    assertThat(model.generation().maxTokens()).isEqualTo(64);
    assertThat(model.generation().topP()).isEqualTo(0.9);
    assertThat(model.imageTransport()).isEqualTo(ModelSpec.TRANSPORT_DATA_URL);
    assertThat(model.endpoints().get(0).maxConcurrency()).isEqualTo(EndpointSpec.MAX_CONCURRENCY_DEFAULT);
    assertThat(config.inference().window()).isEqualTo(InferenceSpec.WINDOW_DEFAULT);
    assertThat(config.judges().get(0).params()).containsEntry("list", "advbench");
  }

  @Test
  void configJsonIsStableSoTheConfigHashIs() {
    assertThat(ConfigLoader.toJson(ConfigLoader.parse(MINIMAL, "a")))
        .isEqualTo(ConfigLoader.toJson(ConfigLoader.parse(MINIMAL, "b")))
        .contains("\"api-key-env\":\"MY_KEY\"");
  }

  @Test
  void configJsonParsesBackToTheSameConfig() {
    RunConfig config = ConfigLoader.parse(MINIMAL, "a");
    String json = ConfigLoader.toJson(config);
    assertThat(ConfigLoader.parse(json, "json")).isEqualTo(config);
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        Arguments.of(MINIMAL.replace("run: {output: /tmp/x}", "run: {output: /tmp/x, colour: red}"),
            "unknown key 'colour' at run"),
        Arguments.of(MINIMAL.replace("run: {output: /tmp/x}", "run: {name: x}"), "run.output is required"),
        Arguments.of(MINIMAL.replace("benchmark: figstep, ", ""), "datasets[fs].benchmark is required"),
        Arguments.of(MINIMAL.replace("endpoints: [{name: e0, url: \"http://127.0.0.1:9/v1\"}]", "endpoints: []"),
            "models[m].endpoints is empty"),
        Arguments.of(MINIMAL + "  - {name: advbench, type: refusal-strings}\n", "duplicate judges name(s) [advbench]"),
        Arguments.of(MINIMAL.replace("max-tokens: 64", "max-tokens: lots"), "at models[0].generation.max-tokens"),
        Arguments.of("run: [", "Cannot parse config t.yaml"),
        Arguments.of(MINIMAL + "inference: {window: 0}\n", "Invalid inference settings"),
        Arguments.of(MINIMAL + "report: {response-text: shredded}\n",
            "Invalid report.response-text: 'shredded' is not one of [full, hash, redacted]"));
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void badConfigsGiveOneLineErrorsNamingTheItem(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aJudgesOnlyConfigIsValidForJudgingButNotForARun() {
    String judgesOnly = "judges:\n  - {name: advbench, type: refusal-strings, params: {list: advbench}}\n";
    RunConfig config = ConfigLoader.parse(judgesOnly, "j.yaml", ConfigLoader.Use.JUDGE);
    assertThat(config.judges()).hasSize(1);
    assertThat(config.datasets()).isEmpty();
    assertThat(config.models()).isEmpty();
    assertThatThrownBy(() -> ConfigLoader.parse(judgesOnly, "j.yaml"))
        .isInstanceOf(ConfigException.class).hasMessage("Cannot use config j.yaml: run.output is required");
    assertThatThrownBy(() -> ConfigLoader.parse("run: {output: /tmp/x}\n", "e.yaml", ConfigLoader.Use.JUDGE))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use config e.yaml: judges is empty (judging needs at least one)");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/run.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read config /nonexistent/run.yaml: no such file");
  }
}
