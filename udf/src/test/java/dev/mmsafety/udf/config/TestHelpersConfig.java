package dev.mmsafety.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** helpers: (issue 16): declared apart from the models under test, named by defenses and judges, checked early. */
class TestHelpersConfig {
  private static final String BASE =
      """
      run: {output: /tmp/x}
      datasets: [{name: fs, benchmark: figstep, path: /data/figstep}]
      models:
        - {name: target, endpoints: [{name: e0, url: simulator}]}
      helpers:
        - {name: lg, role: guard, model: llama-guard, revision: "3-11b", endpoints: [{name: g0, url: simulator}]}
        - {name: jm, role: judge, endpoints: [{name: j0, url: "http://judge:8000/v1", max-concurrency: 4}]}
      defenses:
        - {name: none}
        - {name: input-guard, params: {guard: lg}}
      judges:
        - {name: harm, type: llm, params: {template: harmful-generic, helper: jm}}
      """;

  @Test
  void helpersAreReadApartFromTheModelsUnderTest() {
    RunConfig c = ConfigLoader.parse(BASE, "t.yaml");
    assertThat(c.models()).extracting(ModelSpec::name).containsExactly("target");
    assertThat(c.helpers()).extracting(ModelSpec::name).containsExactly("lg", "jm");
    assertThat(c.helper("lg").role()).isEqualTo(HelperRole.GUARD.id());
    assertThat(c.helper("lg").revision()).isEqualTo("3-11b");
    assertThat(c.helper("jm").endpoints().get(0).maxConcurrency()).isEqualTo(4);
    assertThat(c.helper("nobody")).isNull();
    assertThat(ConfigLoader.parse(ConfigLoader.toJson(c), "json")).isEqualTo(c);
  }

  @Test
  void theJudgeShorthandDeclaresAnImplicitHelperNamedAfterTheJudge() {
    RunConfig c = ConfigLoader.parse(BASE + """
          - {name: lg-judge, type: guard, params: {model: llama-guard, url: simulator, api-key-env: K, with-image: true}}
        """, "t.yaml");
    ModelSpec implicit = c.helper("lg-judge");
    assertThat(implicit.role()).isEqualTo(HelperRole.GUARD.id());
    assertThat(implicit.model()).isEqualTo("llama-guard");
    assertThat(implicit.apiKeyEnv()).isEqualTo("K");
    assertThat(implicit.endpoints()).extracting(EndpointSpec::url).containsExactly("simulator");
    JudgeSpec judge = c.judges().get(1);
    assertThat(judge.params()).containsEntry("helper", "lg-judge").containsEntry("with-image", true)
        .doesNotContainKeys("model", "url", "api-key-env");
    // Reading the expanded config again changes nothing (the runs table keeps this form).
    assertThat(ConfigLoader.parse(ConfigLoader.toJson(c), "json")).isEqualTo(c);
  }

  static Stream<Arguments> badHelpers() {
    return Stream.of(
        Arguments.of(BASE.replace("guard: lg}", "guard: lg3v}"),
            "Cannot use config t.yaml: defenses[input-guard].guard names helper 'lg3v', which is not declared under"
                + " helpers: (declared: jm, lg)"),
        Arguments.of(BASE.replace("helper: jm}", "helper: judge-x}"),
            "Cannot use config t.yaml: judges[harm].helper names helper 'judge-x', which is not declared under helpers:"
                + " (declared: jm, lg)"),
        Arguments.of(BASE + "attacks: [{name: pair, params: {attacker: att, evaluator: jm}}]\n",
            "Cannot use config t.yaml: attacks[pair].attacker names helper 'att', which is not declared under helpers:"
                + " (declared: jm, lg)"),
        Arguments.of(BASE.replace("revision: \"3-11b\"", "revision: \" \""),
            "Cannot use config t.yaml: helpers[lg].revision is empty (leave it out, or give the checkpoint hash or"
                + " image tag that answers)"),
        Arguments.of(BASE.replace("{name: target, endpoints", "{name: target, revision: \"\", endpoints"),
            "Cannot use config t.yaml: models[target].revision is empty"),
        Arguments.of(BASE.replace("{name: jm, role", "{name: target, role").replace("helper: jm", "helper: target"),
            "Cannot use config t.yaml: name 'target' is declared in both models and helpers"),
        Arguments.of(BASE.replace("{name: jm, role: judge,", "{name: lg, role: judge,").replace("helper: jm", "helper: lg"),
            "Cannot use config t.yaml: duplicate helpers name(s) [lg]"),
        Arguments.of(BASE.replace("{name: target, endpoints", "{name: target, role: guard, endpoints"),
            "Cannot use config t.yaml: models[target].role is set, but models: are the models under test"),
        Arguments.of(BASE.replace("role: judge,", "role: oracle,"),
            "Cannot use config t.yaml: helpers[jm].role 'oracle' is not one of (guard, judge, caption, attacker,"
                + " rewriter)"),
        Arguments.of(BASE.replace("role: judge,", ""),
            "Cannot use config t.yaml: helpers[jm].role is required (one of guard, judge"),
        Arguments.of(BASE.replace("url: \"http://judge:8000/v1\"", "url: \"judge:8000\""),
            "Cannot use config t.yaml: helpers[jm].endpoints[j0].url 'judge:8000' is not an http(s) URL or simulator"),
        Arguments.of(BASE.replace("helper: jm}", "helper: jm, url: simulator, model: x}"),
            "Cannot use config t.yaml: judges[harm] gives both helper and model/url/api-key-env"),
        Arguments.of(BASE + "  - {name: lg, type: guard, params: {model: m, url: simulator}}\n",
            "Cannot use config t.yaml: judges[lg] uses the model + url shorthand, which declares a helper named lg,"
                + " but that name is taken"));
  }

  @ParameterizedTest
  @MethodSource("badHelpers")
  void helperMistakesAreOneLineErrorsNamingTheItem(String yaml, String expected) {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
