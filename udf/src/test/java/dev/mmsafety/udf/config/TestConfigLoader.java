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
    assertThat(model.endpoints().get(0).maxConcurrency()).isNull(); // optional: a cap
    assertThat(model.endpoints().get(0).budget(true)).isEqualTo(EndpointSpec.MAX_CONCURRENCY_CAP_DEFAULT);
    assertThat(model.endpoints().get(0).budget(false)).isEqualTo(EndpointSpec.MAX_CONCURRENCY_DEFAULT);
    assertThat(config.inference().adaptive().enabled()).isTrue();
    assertThat(config.inference().window()).isEqualTo(InferenceSpec.WINDOW_DEFAULT);
    assertThat(config.judges().get(0).params()).containsEntry("list", "advbench");
    assertThat(config.inference().cacheScope()).isEqualTo(InferenceSpec.CACHE_SCOPE_RUN);
    assertThat(model.revision()).isNull();
    ModelSpec revised = ConfigLoader.parse(MINIMAL.replace("api-key-env: MY_KEY",
        "api-key-env: MY_KEY\n    revision: ckpt-1234"), "t.yaml").models().get(0);
    assertThat(revised.revision()).isEqualTo("ckpt-1234");
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
        // A misplaced indent: a key one space left of its siblings closes the block too early.
        Arguments.of("run:\n  output: /tmp/x\n spark:\n  partitions: 2\n",
            "Cannot parse config t.yaml: expected <block end>, but found '<block mapping start>' at line 3, column 2"
                + " (while parsing a block mapping that starts at line 1, column 1; check the indentation)"),
        Arguments.of("run: {output: /tmp/x}\ndatasets:\n  - name: a\n    benchmark: b\n   path: c\n",
            "at line 5, column 4 (while parsing a block collection that starts at line 3, column 3"),
        Arguments.of("run:\n\toutput: /tmp/x\n", "Do not use \\t(TAB) for indentation) at line 2, column 1"),
        Arguments.of("run: {output: 'x}\n", "found unexpected end of stream at line 2, column 1"),
        Arguments.of(MINIMAL.replace("run: {output: /tmp/x}", "run:\n  output: /tmp/x\n  colour: red"),
            "unknown key 'colour' at run.colour (line 3, column"),
        Arguments.of(MINIMAL + "inference: {window: 0}\n", "Invalid inference settings"),
        Arguments.of(MINIMAL + "report: {response-text: shredded}\n",
            "Invalid report.response-text: 'shredded' is not one of [full, hash, redacted]"),
        Arguments.of(MINIMAL.replace("api-key-env: MY_KEY", "api-key-env: MY_KEY\n    revision: \"\""),
            "Cannot use config t.yaml: models[m].revision is empty (leave it out, or give the checkpoint hash or image"
                + " tag that answers)"),
        Arguments.of(MINIMAL + "inference: {max-requests: 0}\n", "Cannot use config t.yaml: inference.max-requests"
            + " is 0; a cap must be at least 1 (leave it out for no cap)"),
        Arguments.of(MINIMAL + "inference: {max-tokens: 0}\n", "Cannot use config t.yaml: inference.max-tokens is 0"),
        Arguments.of(MINIMAL + "inference: {cache-scope: forever}\n",
            "Cannot use config t.yaml: inference.cache-scope 'forever' is not run or revision"));
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
  void missingFileIsNamed() {
    assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/run.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read config /nonexistent/run.yaml: no such file");
  }
}
