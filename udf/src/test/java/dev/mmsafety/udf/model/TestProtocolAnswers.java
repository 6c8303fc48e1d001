package dev.mmsafety.udf.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.ScriptedServer.Reply;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every answer shape the chat-completions protocol allows, and the error bodies servers send with a 200, against
 * a real loopback server: the status, text, channel and retry decision each comes to.
 */
class TestProtocolAnswers {
  private static final InferenceSpec FAST =
      new InferenceSpec(8, 3, 1L, 5L, 2_000L, null, null, null, 100, 60_000L, null, null, null);

  static Stream<Arguments> shapes() {
    return Stream.of(
        // body, status, text, channel, tool_calls fragment, attempts, error fragment
        Arguments.of("{\"choices\":[{\"message\":{\"content\":\"Sure.\"},\"finish_reason\":\"stop\"}]}",
            "ok", "Sure.", "content", null, 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I'm sorry, I can't help with that.\"},\"finish_reason\":\"stop\"}]}",
            "ok", "I'm sorry, I can't help with that.", "refusal", null, 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"content_filter\"}]}",
            "content_filtered", null, "content_filter", null, 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"content\":\"\"},\"finish_reason\":\"stop\"}]}",
            "ok", "", "empty", null, 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"stop\"}]}",
            "ok", "", "empty", null, 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"search\",\"arguments\":\"{\\\"q\\\":\\\"x\\\"}\"}}]},"
                + "\"finish_reason\":\"tool_calls\"}]}",
            "ok", "", "tool_calls", "\"name\":\"search\"", 1, null),
        Arguments.of("{\"choices\":[{\"message\":{\"content\":\"Let me look.\",\"tool_calls\":[{\"id\":\"c2\","
                + "\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{}\"}}]}}]}",
            "ok", "Let me look.", "content", "\"name\":\"lookup\"", 1, null),
        Arguments.of("{\"error\":{\"message\":\"model is overloaded\",\"type\":\"server_error\",\"code\":503}}",
            "server_error", null, null, null, 3, "HTTP 200 with an error body (code 503): model is overloaded"),
        Arguments.of("{\"error\":{\"message\":\"prompt too long\",\"type\":\"invalid_request_error\","
                + "\"code\":\"context_length_exceeded\"}}",
            "client_error", null, null, null, 1, "(code context_length_exceeded): prompt too long"),
        Arguments.of("{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}",
            "server_error", null, null, null, 3, "(code rate_limit_exceeded): slow down"),
        Arguments.of("{\"error\":{\"message\":\"something odd\"}}",
            "server_error", null, null, null, 1, "HTTP 200 with an error body: something odd"),
        Arguments.of("{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens\","
                + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}",
            "client_error", null, null, null, 1, "(code 400): This model's maximum context length is 4096 tokens"));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyProtocolAnswerIsAnAnswerAndErrorBodiesKeepTheServersMessage(
      String body, String status, String text, String channel, String toolCalls, int attempts, String error)
      throws Exception {
    try (ScriptedServer server = new ScriptedServer(n -> Reply.status(200, body))) {
      ModelSpec spec = new ModelSpec("m1", "served-m1", List.of(new EndpointSpec("e0", server.baseUrl(), 4, null)),
          null, null, null, GenerationSpec.DEFAULT);
      ModelResponse r = ModelClients.create(spec, FAST, null, 1)
          .call(new ModelRequest("m1", List.of(ChatMessage.user(List.of(ContentPart.text("q")))), null)).get();
      assertThat(r.status()).isEqualTo(status);
      assertThat(r.text()).isEqualTo(text);
      assertThat(r.answerChannel()).isEqualTo(channel);
      if (toolCalls == null) {
        assertThat(r.toolCalls()).isNull();
      } else {
        assertThat(r.toolCalls()).contains(toolCalls);
      }
      assertThat(r.attempts()).isEqualTo(attempts);
      assertThat(server.calls()).isEqualTo(attempts);
      if (error == null) {
        assertThat(r.error()).isNull();
      } else {
        assertThat(r.error()).contains(error);
      }
      assertThat(ModelResponse.Status.OUTCOMES.contains(r.status())).isEqualTo(error == null);
    }
  }

  @ParameterizedTest
  @MethodSource("errorStatuses")
  void nonOkErrorBodiesInEitherShapeGiveTheServersMessage(String body, String message) throws Exception {
    assertThat(dev.mmsafety.udf.http.ChatWire.errorMessage(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo(message);
  }

  static Stream<Arguments> errorStatuses() {
    return Stream.of(
        Arguments.of("{\"error\":{\"message\":\"bad image\"}}", "bad image"),
        Arguments.of("{\"object\":\"error\",\"message\":\"The model `x` does not exist.\",\"code\":404}",
            "The model `x` does not exist."),
        Arguments.of("{\"detail\":\"Not Found\"}", "Not Found"),
        Arguments.of("<html>gateway</html>", "<html>gateway</html>"));
  }
}
