package dev.mmsafety.udf.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.model.ScriptedServer.Reply;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images sent by reference: the executor's image server, and the simulator fetching what it is given. */
class TestImageReferences {
  private static final InferenceSpec FAST =
      new InferenceSpec(8, 2, 1L, 5L, 5_000L, null, null, null, 100, 60_000L, null, null, null);
  private static final Pattern SERVED = Pattern.compile("\"url\":\"(http://127\\.0\\.0\\.1:\\d+/mmsafety-images/"
      + "[0-9a-f]{32})\"");
  // a plain loader: Hadoop's would do the same, after seconds of start-up
  private static final dev.mmsafety.udf.image.ImageLoader FILES = uri -> Files.readAllBytes(Path.of(URI.create(uri)));
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  private static ModelSpec model(String url, String transport) {
    return new ModelSpec("m", "m", List.of(new EndpointSpec("e", url, 4, null)), null, transport, null,
        GenerationSpec.DEFAULT, null, null, null);
  }

  private ModelRequest withImage(Path file) {
    return new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text("look"),
        ContentPart.image(file.toUri().toString(), "sha-" + file.getFileName())))), null);
  }

  private Path image(String name, int kb) throws Exception {
    byte[] bytes = new byte[kb * 1024];
    new Random(kb).nextBytes(bytes);
    bytes[0] = (byte) 0x89;
    bytes[1] = 'P';
    bytes[2] = 'N';
    bytes[3] = 'G';
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void executorHttpSendsAnUnguessableUrlThatServesTheImageBytes() throws Exception {
    Path file = image("big.png", 2048);
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("seen"))) {
      ModelCaller caller = ModelClients.create(model(server.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP), FAST,
          FILES, 1);
      assertThat(caller.call(withImage(file)).get().status()).isEqualTo("ok");
      String body = server.bodies().get(0);
      assertThat(body.length()).isLessThan(1_000); // a 2 MB image costs the request a URL
      Matcher m = SERVED.matcher(body);
      assertThat(m.find()).as(body).isTrue();
      HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(fetched.statusCode()).isEqualTo(200);
      assertThat(fetched.headers().firstValue("Content-Type")).contains("image/png");
      assertThat(fetched.body()).isEqualTo(Files.readAllBytes(file));
      String guessed = m.group(1).substring(0, m.group(1).length() - 1) + (m.group(1).endsWith("0") ? "1" : "0");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(guessed)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
      // the same image keeps its URL, so a server's own media cache can work
      assertThat(caller.call(new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text("again"),
          ContentPart.image(file.toUri().toString(), "sha-big.png")))), null)).get().ok()).isTrue();
      Matcher again = SERVED.matcher(server.bodies().get(1));
      assertThat(again.find()).isTrue();
      assertThat(again.group(1)).isEqualTo(m.group(1));
    }
  }

  @Test
  void theSimulatorFetchesImageUrlsAndRefusesOnesItCannotFetch() throws Exception {
    Path file = image("pic.png", 64);
    try (SimulatedWorker sim = SimulatedWorker.start(new SimulatorSpec(4, 0L, 0L, null, null, null, null,
        null, null, null, null, null))) {
      ModelCaller served = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP), FAST,
          FILES, 1);
      ModelResponse ok = served.call(withImage(file)).get();
      assertThat(ok.status()).isEqualTo("ok");
      assertThat(sim.imagesFetched()).isEqualTo(1);

      ModelCaller byUri = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_URI), FAST, null, 1);
      ModelRequest dead = new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text("look"),
          ContentPart.image(sim.baseUrl() + "/no-such-image.png", "sha-dead")))), null);
      ModelResponse refused = byUri.call(dead).get();
      assertThat(refused.status()).isEqualTo("client_error");
      assertThat(refused.error()).contains("HTTP 400", "cannot fetch image URL: HTTP 404");
      assertThat(sim.imagesFetched()).isEqualTo(1);
    }
  }
}
