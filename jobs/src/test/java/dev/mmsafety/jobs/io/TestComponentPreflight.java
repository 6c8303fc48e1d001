package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every component a config names is made on the driver before anything is read or called. */
class TestComponentPreflight {
  private static final String BASE =
      """
      run: {output: "${out}"}
      datasets:
        - {name: fs, benchmark: figstep, path: /data/figstep}
      attacks:
        - {name: none}
      models:
        - name: m
          endpoints: [{name: e0, url: "http://127.0.0.1:9/v1"}]
      defenses:
        - {name: none}
      judges:
        - {name: advbench, type: refusal-strings, params: {list: advbench}}
      """;

  private static RunConfig config(String yaml, Path out) {
    return ConfigLoader.parse(yaml.replace("${out}", out.toString()), "t.yaml");
  }

  static Stream<Arguments> badComponents() {
    return Stream.of(
        Arguments.of(BASE.replace("type: refusal-strings", "type: refusal-string"),
            "Cannot create judge advbench: unknown type 'refusal-string' (known: refusal-strings, llm, guard,"
                + " classifier, cascade)"),
        Arguments.of(BASE.replace("{list: advbench}", "{list: advbenc}"), "Cannot create judge advbench: "),
        Arguments.of(BASE.replace("{list: advbench}", "{}"),
            "Cannot create judge advbench: parameter 'list' is required"),
        Arguments.of(BASE.replace("- {name: none}\nmodels", "- {name: figstepp}\nmodels"),
            "Cannot create attack figstepp: unknown name 'figstepp' (known: none, figstep,"),
        Arguments.of(BASE.replace("- {name: none}\nmodels", "- {name: figstep, params: {font-size: 0}}\nmodels"),
            "Cannot create attack figstep: "),
        Arguments.of(BASE.replace("- {name: none}\nmodels", "- {name: figstep, benchmarks: [figstpe]}\nmodels"),
            "Cannot create attack figstep: benchmarks names 'figstpe', which is not a benchmark (known: "),
        Arguments.of(BASE.replace("- {name: none}\nmodels", "- {name: figstep, benchmarks: [xstest]}\nmodels"),
            "Cannot create attack figstep: it applies to benchmarks [xstest], which no dataset has"
                + " (datasets' benchmarks: [figstep])"),
        Arguments.of(BASE.replace("- {name: none}\nmodels", "- {name: pair, params: {attacker: att, scorer: advbnch}}"
                + "\nhelpers: [{name: att, role: attacker, endpoints: [{name: e, url: \"http://127.0.0.1:9/v1\"}]}]"
                + "\nmodels"),
            "Cannot create attack pair: parameter 'scorer' names judge 'advbnch', which is not declared under judges:"
                + " (declared: advbench)"),
        Arguments.of(BASE.replace("defenses:\n  - {name: none}", "defenses:\n  - {name: shield-prompt}"),
            "Cannot create defense shield-prompt: unknown name 'shield-prompt' (known: none,"),
        // A defense naming an undeclared helper is found earlier, when the config is read (TestHelpersConfig).
        Arguments.of(BASE.replace("benchmark: figstep", "benchmark: figstepp"),
            "Cannot ingest benchmark figstepp: unknown name; known: "),
        Arguments.of(BASE.replace("path: /data/figstep}", "path: /data/figstep, options: {splt: tiny}}"),
            "Cannot ingest fs: unknown option(s) [splt]"),
        Arguments.of(BASE.replace("judges:\n  - {name: advbench, type: refusal-strings, params: {list: advbench}}\n", ""),
            "Cannot judge responses: no judges configured"),
        Arguments.of(BASE.replace("models:\n  - name: m\n    endpoints: [{name: e0, url: \"http://127.0.0.1:9/v1\"}]\n", ""),
            "Cannot generate responses: the config lists no models"),
        Arguments.of(BASE + "  - {name: both, type: cascade, params: {stages: [advbench, nobody]}}\n",
            "Cannot create judge both: "));
  }

  @ParameterizedTest
  @MethodSource("badComponents")
  void aBadComponentIsOneLineNamingIt(String yaml, String expected, @TempDir Path out) {
    RunConfig config = config(yaml, out);
    assertThatThrownBy(() -> ComponentPreflight.checkRun(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void judgeModelsAreCollectedWithoutAConnection(@TempDir Path out) {
    RunConfig config = config(BASE + "  - name: gpt-judge\n    type: llm\n    params: {template: harmful-generic,"
        + " model: judge-7b, url: \"http://127.0.0.1:9/v1\"}\n", out);
    ComponentPreflight.Checked checked = ComponentPreflight.checkRun(config);
    assertThat(checked.judgeModels())
        .extracting(EndpointPreflight.Target::label)
        .containsExactly("model judge-7b of judge gpt-judge");
  }

  @Test
  void theRunFailsOnAnUnknownJudgeBeforeWritingAnything(@TempDir Path dir) {
    Path out = dir.resolve("out");
    RunConfig config = config(BASE.replace("type: refusal-strings", "type: nope"), out);
    StringWriter printed = new StringWriter();
    assertThatThrownBy(
            () -> new EvaluationPipeline("run", new PrintWriter(printed), Clock.systemUTC()).run(config, "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot create judge advbench: unknown type 'nope'");
    assertThat(out).doesNotExist();
    assertThat(printed.toString()).isEmpty();
  }
}
