package dev.mmsafety.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.http.ChatWire;
import dev.mmsafety.udf.model.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generation parameters are checked against the chat-completions ranges when the config is read. */
class TestGenerationRanges {
  private static String config(String generation) {
    return """
        run: {output: /tmp/x}
        datasets: [{name: fs, benchmark: figstep, path: /data/figstep}]
        models:
          - {name: ok-model, endpoints: [{name: e0, url: "http://127.0.0.1:9/v1"}]}
          - name: qwen
            endpoints: [{name: e0, url: "http://127.0.0.1:9/v1"}]
            generation: %s
        """.formatted(generation);
  }

  static Stream<Arguments> outOfRange() {
    String at = "Cannot use config t.yaml: models[qwen].generation.";
    return Stream.of(
        Arguments.of("{temperature: 2.5}", at + "temperature 2.5 is outside [0, 2]"),
        Arguments.of("{temperature: -0.1}", at + "temperature -0.1 is outside [0, 2]"),
        Arguments.of("{top-p: 1.5}", at + "top-p 1.5 is outside (0, 1]"),
        Arguments.of("{top-p: 0}", at + "top-p 0.0 is outside (0, 1]"),
        Arguments.of("{max-tokens: 0}", at + "max-tokens 0 is below 1"),
        Arguments.of("{max-completion-tokens: 0}", at + "max-completion-tokens 0 is below 1"),
        Arguments.of("{max-tokens: 64, max-completion-tokens: 64}",
            at + "max-tokens and max-completion-tokens are both set"),
        Arguments.of("{stop: [a, b, c, d, e]}", at + "stop has 5 strings, at most 4 are allowed"),
        Arguments.of("{stop: ['']}", at + "stop holds an empty string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outOfRange")
  void outOfRangeParametersAreOneLineErrorsNamingModelAndKey(String generation, String message) {
    assertThatThrownBy(() -> ConfigLoader.parse(config(generation), "t.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void boundariesAreAccepted() {
    RunConfig c = ConfigLoader.parse(config("{temperature: 2.0, top-p: 1.0, max-tokens: 1, stop: [a, b, c, d]}"), "t");
    assertThat(c.models().get(1).generation().temperature()).isEqualTo(2.0);
    assertThat(ConfigLoader.parse(config("{temperature: 0, top-p: 0.01}"), "t").models().get(1).generation().topP())
        .isEqualTo(0.01);
  }

  @Test
  void maxCompletionTokensIsSentUnderItsOwnNameInsteadOfMaxTokens() throws Exception {
    GenerationSpec g = ConfigLoader.parse(config("{temperature: 0.0, max-completion-tokens: 300}"), "t")
        .models().get(1).generation();
    assertThat(g.maxTokens()).isNull();
    assertThat(g.completionLimit()).isEqualTo(300);
    String body = new String(ChatWire.requestBody("gpt-x", List.of(), g, part -> "unused"), StandardCharsets.UTF_8);
    assertThat(body).contains("\"max_completion_tokens\":300").doesNotContain("\"max_tokens\"");
    assertThat(RequestIds.generationJson(g)).isEqualTo("{\"max_completion_tokens\":300,\"temperature\":0.0}");
    String plain = new String(
        ChatWire.requestBody("m", List.of(), GenerationSpec.DEFAULT, part -> "unused"), StandardCharsets.UTF_8);
    assertThat(plain).contains("\"max_tokens\":512").doesNotContain("max_completion_tokens");
  }
}
