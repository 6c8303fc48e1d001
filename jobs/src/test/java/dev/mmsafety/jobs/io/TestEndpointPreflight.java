package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET {url}/models against real loopback servers: listed, other names, refused, unreachable, skipped. */
class TestEndpointPreflight {
  private static final Duration CONNECT = Duration.ofSeconds(2);
  private static final Duration ANSWER = Duration.ofSeconds(5);
  private HttpServer server;
  private final AtomicReference<String> auth = new AtomicReference<>();
  private volatile int status = 200;
  private volatile String body = "{\"object\":\"list\",\"data\":[{\"id\":\"Qwen/Qwen2-VL-7B\"},{\"id\":\"lg3\"}]}";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/models", exchange -> {
      auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private static ModelSpec model(String name, String served, EndpointSpec... endpoints) {
    return new ModelSpec(name, served, List.of(endpoints), "TEST_KEY", null, null, null);
  }

  private static void check(ModelSpec spec, Map<String, String> env) {
    EndpointPreflight.check(List.of(EndpointPreflight.Target.model(spec)), env, CONNECT, ANSWER);
  }

  @Test
  void aServerListingTheModelPassesAndGetsTheKey() {
    check(model("qwen", "Qwen/Qwen2-VL-7B", new EndpointSpec("gpu-0", url() + "/", 8, null)),
        Map.of("TEST_KEY", "sk-test-123"));
    assertThat(auth.get()).isEqualTo("Bearer sk-test-123");
  }

  @Test
  void aServerListingOtherNamesGetsThemInTheMessage() {
    assertThatThrownBy(() -> check(model("qwen", "Qwen/Qwen2-VL-72B", new EndpointSpec("gpu-0", url(), 8, null)),
            Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use model qwen at endpoint gpu-0 (" + url() + "): the server does not list"
            + " 'Qwen/Qwen2-VL-72B' (it lists Qwen/Qwen2-VL-7B, lg3)");
  }

  @Test
  void anUnreachableEndpointIsNamedWithItsUrl() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port + "/v1";
    ModelSpec spec = model("qwen", "Qwen/Qwen2-VL-7B", new EndpointSpec("gpu-0", url(), 8, null),
        new EndpointSpec("gpu-1", dead, 8, null));
    assertThatThrownBy(() -> check(spec, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot reach model qwen at endpoint gpu-1 (" + dead + "): connection refused");
  }

  @Test
  void aRefusedKeyAndAMissingRouteSayWhatToDo() {
    status = 401;
    ModelSpec spec = model("qwen", "Qwen/Qwen2-VL-7B", new EndpointSpec("gpu-0", url(), 8, null));
    assertThatThrownBy(() -> check(spec, Map.of("TEST_KEY", "sk-wrong-999")))
        .hasMessage("Cannot use model qwen at endpoint gpu-0 (" + url() + "): GET /models answered HTTP 401"
            + " (check the key in TEST_KEY)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-wrong-999"));
    status = 404;
    assertThatThrownBy(() -> check(spec, Map.of()))
        .hasMessageEndingWith("GET /models answered HTTP 404 (set check-models: false on an endpoint without that route)");
  }

  @Test
  void credentialsInTheUrlAreRefusedAndNeverShown() {
    String withCreds = "http://admin:hunter2@127.0.0.1:" + server.getAddress().getPort() + "/v1?token=abc";
    assertThatThrownBy(() -> check(model("qwen", "x", new EndpointSpec("gpu-0", withCreds, 8, null)), Map.of()))
        .hasMessage("Cannot use model qwen at endpoint gpu-0 (" + url() + "): the url carries credentials;"
            + " use api-key-env instead")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("token"));
  }

  @Test
  void checkModelsFalseSkipsTheEndpointAndJudgesAreNamedAsSuch() {
    body = "{\"data\":[]}";
    assertThatCode(() -> check(model("qwen", "q", new EndpointSpec("gpu-0", url(), 8, null, false)), Map.of()))
        .doesNotThrowAnyException();
    ModelSpec judge = new ModelSpec("gpt-judge", "judge-7b", List.of(new EndpointSpec("gpt-judge", url(), 8, null)),
        null, null, null, null);
    assertThatThrownBy(
            () -> EndpointPreflight.check(List.of(EndpointPreflight.Target.judge(judge)), Map.of(), CONNECT, ANSWER))
        .hasMessage("Cannot use model judge-7b of judge gpt-judge at endpoint gpt-judge (" + url() + "): the server"
            + " does not list 'judge-7b' (it lists no model)");
  }

  @Test
  void severalFailuresAreCounted() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String dead = "http://127.0.0.1:" + port + "/v1";
    List<EndpointPreflight.Target> targets = List.of(
        EndpointPreflight.Target.model(model("a", "nope", new EndpointSpec("e", url(), 8, null))),
        EndpointPreflight.Target.model(model("b", "x", new EndpointSpec("e", dead, 8, null))));
    assertThatThrownBy(() -> EndpointPreflight.check(targets, Map.of(), CONNECT, ANSWER))
        .hasMessageStartingWith("Cannot use model a at endpoint e (")
        .hasMessageEndingWith("(and 1 more endpoint(s) failed)");
  }

  @Test
  void aStartedSimulatorIsAskedLikeAnyServer() {
    try (dev.mmsafety.udf.sim.SimulatedWorker sim = dev.mmsafety.udf.sim.SimulatedWorker.start(
        new dev.mmsafety.udf.config.SimulatorSpec(4, 0L, 0L, null, null, null, null, null), Map.of("sim-target", "text-aligned"))) {
      EndpointSpec resolved = new EndpointSpec("local", sim.baseUrl(), 4, true);
      assertThatCode(() -> check(model("t", "sim-target", resolved), Map.of())).doesNotThrowAnyException();
      assertThatThrownBy(() -> check(model("guard", "sim-guard", resolved), Map.of()))
          .isInstanceOf(ConfigException.class)
          .hasMessage("Cannot use model guard at endpoint local (" + sim.baseUrl() + "): the server does not list"
              + " 'sim-guard' (it lists sim-target)");
      // before the launcher resolved it there is nothing to ask
      assertThatCode(() -> check(model("guard", "sim-guard",
          new EndpointSpec("local", EndpointSpec.SIMULATOR_URL, 4, null)), Map.of())).doesNotThrowAnyException();
    }
  }
}
