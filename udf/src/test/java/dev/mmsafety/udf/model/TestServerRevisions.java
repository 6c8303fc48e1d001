package dev.mmsafety.udf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue #16 item 1: under cache-scope revision, the root a vLLM-style server reports joins the revision. */
class TestServerRevisions {
  private static final InferenceSpec REVISION = InferenceSpec.DEFAULT.with(s -> s.cacheScope = "revision");
  private final List<HttpServer> servers = new java.util.ArrayList<>();

  /** A server whose GET /v1/models lists {@code body}'s models, as vLLM does (made-up ids and paths). */
  private String server(String body) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/models", exchange -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    servers.add(server);
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private static String vllm(String id, String root) {
    return "{\"object\":\"list\",\"data\":[{\"id\":\"other\",\"object\":\"model\",\"created\":1700000000,"
        + "\"root\":\"/models/other\"},{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1700000001,"
        + "\"owned_by\":\"vllm\",\"root\":\"" + root + "\",\"parent\":null,\"max_model_len\":4096}]}";
  }

  private static ModelSpec model(String revision, String... urls) {
    List<EndpointSpec> endpoints = new java.util.ArrayList<>();
    for (int i = 0; i < urls.length; i++) {
      endpoints.add(new EndpointSpec("gpu-" + i, urls[i], 4, null));
    }
    return new ModelSpec("qwen", "org/qwen-vl", endpoints, null, null, null, null).with(b -> b.revision = revision);
  }

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void theServersRootJoinsTheRevision() throws Exception {
    String a = server(vllm("org/qwen-vl", "/models/qwen-ckpt-0042"));
    ServerRevisions.Resolved r = ServerRevisions.resolve(model("v7", a, a), REVISION);
    assertThat(r.spec().revision()).isEqualTo("v7+root=/models/qwen-ckpt-0042");
    assertThat(r.note()).isEqualTo("revision of qwen: v7+root=/models/qwen-ckpt-0042");
    // a new checkpoint behind the same name and revision string gets new request ids
    String b = server(vllm("org/qwen-vl", "/models/qwen-ckpt-0043"));
    ModelSpec swapped = ServerRevisions.resolve(model("v7", b), REVISION).spec();
    ModelRequest ask = new ModelRequest("qwen", List.of(ChatMessage.user(List.of(ContentPart.text("hi")))),
        dev.mmsafety.udf.config.GenerationSpec.DEFAULT);
    assertThat(RequestIds.of(swapped, ask)).isNotEqualTo(RequestIds.of(r.spec(), ask))
        .isNotEqualTo(RequestIds.of(model("v7", a), ask)).isNotEqualTo(RequestIds.of(model(null, a), ask));
    assertThat(RequestIds.of(model(null, a), ask)).isEqualTo(RequestIds.of("org/qwen-vl", ask));
    assertThatThrownBy(() -> ServerRevisions.resolve(model("v7", a, b), REVISION))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot reuse answers of model qwen: its endpoints serve different weights (GET /models root"
            + " {gpu-0=/models/qwen-ckpt-0042, gpu-1=/models/qwen-ckpt-0043}); give them one checkpoint or use"
            + " cache-scope run");
  }

  @Test
  void aServerThatSaysNothingLeavesTheUsersRevision() throws Exception {
    String noId = server(vllm("someone-else", "/models/x"));
    ServerRevisions.Resolved r = ServerRevisions.resolve(model("v7", noId, "http://127.0.0.1:9/v1"), REVISION);
    assertThat(r.spec().revision()).isEqualTo("v7");
    assertThat(r.note()).isEqualTo("revision of qwen: v7 (no endpoint reports a root for org/qwen-vl at GET /models)");
    assertThat(ServerRevisions.resolve(model(null, noId), REVISION).note())
        .isEqualTo("model qwen has no revision: its answers are reused only within the run date");
    // under the default scope nothing is asked
    ServerRevisions.Resolved run = ServerRevisions.resolve(model("v7", "http://127.0.0.1:9/v1"), InferenceSpec.DEFAULT);
    assertThat(run.spec().revision()).isEqualTo("v7");
    assertThat(run.note()).isNull();
  }
}
