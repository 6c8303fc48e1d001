package dev.mmsafety.udf.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.ScriptedServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestOpenAiModelCaller {
  private static final InferenceSpec FAST =
      new InferenceSpec(8, 4, 1L, 5L, 2_000L, null, null, null, 100, 60_000L, null, null, null);

  private static ModelSpec model(String... urls) {
    List<EndpointSpec> endpoints = new java.util.ArrayList<>();
    for (int i = 0; i < urls.length; i++) {
      endpoints.add(new EndpointSpec("e" + i, urls[i], 4, null));
    }
    return new ModelSpec("m1", "served-m1", endpoints, "MMSAFETY_TEST_KEY_UNSET", null, "be safe",
        new GenerationSpec(0.0, 0.9, 64, 7L, List.of("###")));
  }

  private static ModelRequest request(String text) {
    return new ModelRequest("m1", List.of(ChatMessage.system("be safe"),
        ChatMessage.user(List.of(ContentPart.text(text)))), GenerationSpec.DEFAULT);
  }

  private static ModelResponse callOnce(IntFunction<Reply> script, InferenceSpec inference, String text,
      int[] callsOut) throws Exception {
    try (ScriptedServer server = new ScriptedServer(script)) {
      ModelCaller caller = ModelClients.create(model(server.baseUrl()), inference, null, 1);
      ModelResponse r = caller.call(request(text)).get();
      callsOut[0] = server.calls();
      return r;
    }
  }

  @Test
  void parsesAnswerAndSendsOpenAiBody() throws Exception {
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("hello there"))) {
      ModelCaller caller = ModelClients.create(model(server.baseUrl()), FAST, null, 1);
      ModelRequest req = request("what is shown?");
      ModelResponse r = caller.call(req).get();
      assertThat(r.status()).isEqualTo("ok");
      assertThat(r.text()).isEqualTo("hello there");
      assertThat(r.finishReason()).isEqualTo("stop");
      assertThat(r.promptTokens()).isEqualTo(11);
      assertThat(r.completionTokens()).isEqualTo(3);
      assertThat(r.httpStatus()).isEqualTo(200);
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(r.endpoint()).isEqualTo("e0");
      assertThat(r.requestId()).isEqualTo(RequestIds.of("served-m1", req)).hasSize(64);
      String body = server.bodies().get(0);
      assertThat(body).contains("\"model\":\"served-m1\"", "\"role\":\"system\"", "what is shown?",
          "\"temperature\":0.0", "\"max_tokens\":512");
      assertThat(server.headers().get(0)).containsKey("X-request-id").doesNotContainKey("Authorization");
    }
  }

  @Test
  void imagesOutsideTheModelsLimitsAreRejectedBeforeAnyCallAndOthersConverted() throws Exception {
    byte[] dot = dev.mmsafety.udf.testing.ImageFixtures.bytes("1x1.png");
    byte[] webp = dev.mmsafety.udf.testing.ImageFixtures.bytes("webp-named.png");
    ModelSpec pngOnly = new ModelSpec("m1", "served-m1", List.of(new EndpointSpec("e0", "http://127.0.0.1:1", 4, null)),
        null, null, null, GenerationSpec.DEFAULT).with(b -> b.imageFormats = List.of("png"));
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("fine"))) {
      ModelCaller caller = ModelClients.create(
          pngOnly.with(b -> b.endpoints = List.of(new EndpointSpec("e0", server.baseUrl(), 4, null))), FAST, null, 1);
      ModelResponse rejected = caller.call(imageRequest("tiny.png", dot)).get();
      assertThat(rejected.status()).isEqualTo("image_rejected");
      assertThat(rejected.error()).isEqualTo("Cannot send to model m1: image_too_small: image tiny.png: 1x1 px has a"
          + " side under the model's min-side of 2 px");
      assertThat(server.calls()).isZero();
      ModelResponse converted = caller.call(imageRequest("webp-named.png", webp)).get();
      assertThat(converted.status()).isEqualTo("ok");
      assertThat(server.bodies().get(0)).contains("data:image/png;base64,").doesNotContain("image/webp");
    }
  }

  private static ModelRequest imageRequest(String uri, byte[] bytes) {
    return new ModelRequest("m1", List.of(ChatMessage.user(List.of(ContentPart.text("what is shown?"),
        ContentPart.imageBytes(uri, dev.mmsafety.udf.common.Hashing.sha256Hex(bytes), bytes, "image/png")))),
        GenerationSpec.DEFAULT);
  }

  @Test
  void retriesThrottlingHonouringRetryAfterThenSucceeds() throws Exception {
    int[] calls = new int[1];
    ModelResponse r = callOnce(n -> n == 0
        ? Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "1"))
        : Reply.ok("fine"), FAST, "q", calls);
    assertThat(r.status()).isEqualTo("ok");
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(calls[0]).isEqualTo(2);
    assertThat(r.latencyMs()).isNotNull();
  }

  @Test
  void gives5xxUpAfterMaxAttemptsWithServerError() throws Exception {
    int[] calls = new int[1];
    ModelResponse r = callOnce(n -> Reply.status(503, "{\"error\":{\"message\":\"overloaded\"}}"), FAST, "q", calls);
    assertThat(r.status()).isEqualTo("server_error");
    assertThat(r.attempts()).isEqualTo(4);
    assertThat(calls[0]).isEqualTo(4);
    assertThat(r.httpStatus()).isEqualTo(503);
    assertThat(r.error()).isEqualTo(
        "Cannot call model m1 at endpoint e0: HTTP 503: overloaded (after 4 attempts)");
  }

  @Test
  void doesNotRetryBadRequestOrUnknownModel() throws Exception {
    int[] calls = new int[1];
    ModelResponse bad = callOnce(n -> Reply.status(400, "{\"error\":{\"message\":\"bad image\"}}"), FAST, "q", calls);
    assertThat(bad.status()).isEqualTo("client_error");
    assertThat(bad.error()).contains("HTTP 400: bad image");
    assertThat(calls[0]).isEqualTo(1);
    ModelResponse unknown = callOnce(
        n -> Reply.status(404, "{\"error\":{\"message\":\"The model `served-m1` does not exist.\"}}"), FAST, "q",
        calls);
    assertThat(unknown.status()).isEqualTo("client_error");
    assertThat(unknown.error()).contains("unknown model 'served-m1'");
    assertThat(calls[0]).isEqualTo(1);
  }

  @Test
  void retriesResetsAndMalformedBodiesThenReportsBadResponse() throws Exception {
    int[] calls = new int[1];
    ModelResponse afterReset = callOnce(n -> n < 2 ? Reply.reset() : Reply.ok("back"), FAST, "q", calls);
    assertThat(afterReset.status()).isEqualTo("ok");
    assertThat(afterReset.attempts()).isEqualTo(3);
    ModelResponse malformed = callOnce(n -> Reply.status(200, "{\"choices\":[{\"mess"), FAST, "q", calls);
    assertThat(malformed.status()).isEqualTo("bad_response");
    assertThat(malformed.error()).contains("not valid JSON", "truncated");
    assertThat(calls[0]).isEqualTo(4);
    ModelResponse noChoices = callOnce(n -> Reply.status(200, "{\"id\":\"x\"}"), FAST, "q", calls);
    assertThat(noChoices.error()).contains("no choices");
    ModelResponse noMessage = callOnce(n -> Reply.status(200, "{\"choices\":[{\"index\":0}]}"), FAST, "q", calls);
    assertThat(noMessage.status()).isEqualTo("bad_response");
    assertThat(noMessage.error()).contains("choices[0].message is missing");
    assertThat(calls[0]).isEqualTo(4);
  }

  @Test
  void timesOutEachAttempt() throws Exception {
    InferenceSpec shortTimeout = FAST.with(s -> { s.maxAttempts = 2; s.timeoutMs = 300L; });
    int[] calls = new int[1];
    ModelResponse r = callOnce(n -> Reply.hang(), shortTimeout, "q", calls);
    assertThat(r.status()).isEqualTo("timeout");
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(r.error()).contains("timed out");
  }

  @Test
  void reportsDnsAndTlsFailuresWithoutRetrying() throws Exception {
    ModelCaller dns = ModelClients.create(model("http://no-such-host.invalid:8000/v1"), FAST, null, 1);
    ModelResponse r = dns.call(request("q")).get();
    assertThat(r.status()).isEqualTo("io_error");
    assertThat(r.error()).contains("unknown host");
    assertThat(r.attempts()).isEqualTo(1);
    // A plain-text server on the TLS port: the handshake reads an HTTP answer instead of a ServerHello.
    try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket s = plain.accept()) {
          s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
          s.getOutputStream().flush();
        } catch (java.io.IOException ignored) {
          // test ends
        }
      });
      t.setDaemon(true);
      t.start();
      ModelCaller tls = ModelClients.create(model("https://127.0.0.1:" + plain.getLocalPort() + "/v1"), FAST, null, 1);
      ModelResponse r2 = tls.call(request("q")).get();
      assertThat(r2.status()).isEqualTo("io_error");
      assertThat(r2.error()).contains("TLS failure");
      assertThat(r2.attempts()).isEqualTo(1);
    }
  }

  @Test
  void opensBreakerAfterConsecutiveFailures() throws Exception {
    InferenceSpec breaker = FAST.with(s -> { s.maxAttempts = 1; s.breakerFailures = 3; });
    try (ScriptedServer server = new ScriptedServer(n -> Reply.status(500, "{}"))) {
      ModelCaller caller = ModelClients.create(model(server.baseUrl()), breaker, null, 1);
      for (int i = 0; i < 3; i++) {
        assertThat(caller.call(request("q" + i)).get().status()).isEqualTo("server_error");
      }
      ModelResponse blocked = caller.call(request("q4")).get();
      assertThat(blocked.status()).isEqualTo("breaker_open");
      assertThat(blocked.attempts()).isZero();
      assertThat(server.calls()).isEqualTo(3);
    }
  }

  @Test
  void balancesAcrossEndpointsAndFailsOverWhenOneBreaks() throws Exception {
    InferenceSpec inf = FAST.with(s -> { s.maxAttempts = 3; s.breakerFailures = 2; });
    try (ScriptedServer down = new ScriptedServer(n -> Reply.status(502, "{}"));
        ScriptedServer up = new ScriptedServer(n -> Reply.ok("up"))) {
      ModelCaller caller = ModelClients.create(model(down.baseUrl(), up.baseUrl()), inf, null, 1);
      for (int i = 0; i < 10; i++) {
        ModelResponse r = caller.call(request("q" + i)).get();
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.endpoint()).isEqualTo("e1");
      }
      assertThat(down.calls()).isLessThanOrEqualTo(2); // breaker opened after 2 failures
      assertThat(up.calls()).isEqualTo(10);
    }
  }

  @Test
  void sendsImagesAsDataUrlsOrUrisAndReportsUnreadableImages(@TempDir Path dir) throws Exception {
    byte[] png = dev.mmsafety.udf.testing.Fixtures.png(1, 4, 4);
    Path file = dir.resolve("img.png");
    Files.write(file, png);
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("seen"))) {
      ModelSpec spec = model(server.baseUrl());
      ModelCaller caller = ModelClients.create(spec, FAST, uri -> Files.readAllBytes(Path.of(uri)), 1);
      ModelRequest withImage = new ModelRequest("m1", List.of(ChatMessage.user(List.of(ContentPart.text("look"),
          ContentPart.image(file.toString(), "abc")))), GenerationSpec.DEFAULT);
      assertThat(caller.call(withImage).get().status()).isEqualTo("ok");
      assertThat(server.bodies().get(0))
          .contains("data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png) + "\"");
      ModelSpec byUri = spec.with(b -> b.imageTransport = ModelSpec.TRANSPORT_URI);
      ModelCaller uriCaller = ModelClients.create(byUri, FAST, uri -> Files.readAllBytes(Path.of(uri)), 1);
      assertThat(uriCaller.call(withImage).get().status()).isEqualTo("ok");
      assertThat(server.bodies().get(1)).contains("\"url\":\"" + file + "\"");
      ModelRequest missing = new ModelRequest("m1", List.of(ChatMessage.user(List.of(
          ContentPart.image(dir.resolve("nope.png").toString(), "def")))), GenerationSpec.DEFAULT);
      ModelResponse r = caller.call(missing).get();
      assertThat(r.status()).isEqualTo("client_error");
      assertThat(r.error()).contains("cannot read image", "nope.png");
      assertThat(server.calls()).isEqualTo(2);
    }
  }

  @Test
  void requestIdDependsOnImageHashNotUri() {
    ModelRequest a = new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.image("/a.png", "h1")))),
        GenerationSpec.DEFAULT);
    ModelRequest b = new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.image("/b.png", "h1")))),
        GenerationSpec.DEFAULT);
    ModelRequest c = new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.image("/a.png", "h2")))),
        GenerationSpec.DEFAULT);
    assertThat(RequestIds.of("x", a)).isEqualTo(RequestIds.of("x", b)).isNotEqualTo(RequestIds.of("x", c))
        .isNotEqualTo(RequestIds.of("y", a));
  }

  @Test
  void sendsTheKeyFromTheNamedEnvVarButNeverReportsIt() throws Exception {
    // HOME stands in for a secret: any variable that is set in every test environment
    String secret = System.getenv("HOME");
    ModelSpec spec = model("http://placeholder/v1");
    try (ScriptedServer server = new ScriptedServer(n -> Reply.status(401, "{\"error\":{\"message\":\"bad key\"}}"))) {
      ModelSpec withKey = new ModelSpec("m1", "served-m1", List.of(new EndpointSpec("e0", server.baseUrl(), 4, null)),
          "HOME", null, null, null);
      ModelResponse r = ModelClients.create(withKey, FAST, null, 1).call(request("q")).get();
      assertThat(server.headers().get(0).get("Authorization")).containsExactly("Bearer " + secret);
      assertThat(r.status()).isEqualTo("client_error");
      assertThat(r.error()).contains("HTTP 401 authentication failed (check env var HOME)").doesNotContain(secret);
      assertThat(r.toString()).doesNotContain(secret);
    }
    assertThat(spec.apiKeyEnv()).isEqualTo("MMSAFETY_TEST_KEY_UNSET");
  }

  @Test
  void rejectsEndpointUrlsCarryingCredentials() {
    ModelSpec bad = new ModelSpec("m1", null, List.of(new EndpointSpec("e0", "http://user:pw@h:1/v1", 4, null)),
        null, null, null, null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelClients.create(bad, FAST, null, 1))
        .hasMessage("Cannot create client for model m1: endpoint e0 url carries credentials; use api-key-env instead");
  }

  @Test
  void addsTheModelsSystemPromptAndGenerationWhenTheRequestHasNone() throws Exception {
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("fine"))) {
      ModelSpec spec = model(server.baseUrl());
      ModelRequest bare = new ModelRequest("m1", List.of(ChatMessage.user(List.of(ContentPart.text("hi")))), null);
      ModelResponse r = ModelClients.create(spec, FAST, null, 1).call(bare).get();
      assertThat(server.bodies().get(0)).contains("{\"role\":\"system\",\"content\":\"be safe\"}",
          "\"top_p\":0.9", "\"max_tokens\":64", "\"seed\":7", "\"stop\":[\"###\"]");
      assertThat(r.requestId()).isEqualTo(RequestIds.of("served-m1", ModelClients.effectiveRequest(spec, bare)))
          .isNotEqualTo(RequestIds.of("served-m1", new ModelRequest("m1", bare.messages(), GenerationSpec.DEFAULT)));
    }
  }
}
