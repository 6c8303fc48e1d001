package dev.mmsafety.udf.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.model.ScriptedServer.Reply;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.image.ModelImageLimits;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
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
        GenerationSpec.DEFAULT);
  }

  private ModelRequest withImage(Path file) {
    return new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text("look"),
        ContentPart.image(file.toUri().toString(), "sha-" + file.getFileName())))), null);
  }

  /** A real PNG of noise (it does not compress: width x height x 3 bytes, roughly). */
  private Path image(String name, int width, int height) throws Exception {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(width * 31L + height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve(name);
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  private static ModelSpec limited(String url, String transport, String onViolation) {
    return model(url, transport).withImageLimits(new ModelImageLimits(4, 64, null, null, null, onViolation));
  }

  @Test
  void executorHttpSendsAnUnguessableUrlThatServesTheImageBytes() throws Exception {
    Path file = image("big.png", 400, 400);
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("seen"))) {
      ModelCaller caller = ModelClients.create(model(server.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP), FAST,
          FILES, 1);
      assertThat(caller.call(withImage(file)).get().status()).isEqualTo("ok");
      String body = server.bodies().get(0);
      assertThat(body.length()).isLessThan(1_000); // a 480 KB image costs the request a URL
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
    Path file = image("pic.png", 160, 120);
    try (SimulatedWorker sim = SimulatedWorker.start(new SimulatorSpec(4, 0L, 0L, null, null, null, null,
        null))) {
      ModelCaller served = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP), FAST,
          FILES, 1);
      ModelResponse ok = served.call(withImage(file)).get();
      assertThat(ok.status()).isEqualTo("ok");
      assertThat(sim.imagesFetched()).isEqualTo(1);

      // the client no longer sends a URL it cannot read itself, so the dead URL goes to the simulator directly
      String dead = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
          + "\"image_url\":{\"url\":\"" + sim.baseUrl() + "/no-such-image.png\"}}]}]}";
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/chat/completions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(dead)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("cannot fetch image URL: HTTP 404");
      assertThat(sim.imagesFetched()).isEqualTo(1);
    }
  }

  @Test
  void everyTransportHoldsTheModelsImageLimitsBeforeAnyCall() throws Exception {
    Path wide = image("wide.png", 128, 32);
    Path tiny = image("tiny.png", 3, 3);
    try (ScriptedServer server = new ScriptedServer(n -> Reply.ok("seen"))) {
      // executor-http: the URL serves the resized copy, never the stored 128 x 32 file
      ModelCaller served = ModelClients.create(limited(server.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP, null),
          FAST, FILES, 1);
      assertThat(served.call(withImage(wide)).get().status()).isEqualTo("ok");
      Matcher m = SERVED.matcher(server.bodies().get(0));
      assertThat(m.find()).as(server.bodies().get(0)).isTrue();
      byte[] fetched = http.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
          HttpResponse.BodyHandlers.ofByteArray()).body();
      BufferedImage copy = ImageIO.read(new java.io.ByteArrayInputStream(fetched));
      assertThat(copy.getWidth()).isEqualTo(64);
      assertThat(copy.getHeight()).isEqualTo(16);

      // uri: the server would read the stored file, so the resized copy goes inline instead
      ModelCaller byUri = ModelClients.create(limited(server.baseUrl(), ModelSpec.TRANSPORT_URI, null), FAST,
          FILES, 1);
      assertThat(byUri.call(withImage(wide)).get().status()).isEqualTo("ok");
      assertThat(server.bodies().get(1)).contains("\"url\":\"data:image/png;base64,")
          .doesNotContain(wide.toUri().toString());

      // an image within the limits still goes by reference
      Path small = image("small.png", 32, 16);
      assertThat(byUri.call(withImage(small)).get().ok()).isTrue();
      assertThat(server.bodies().get(2)).contains("\"url\":\"" + small.toUri() + "\"");

      // rejects: never sent, whatever the transport
      ModelCaller strict = ModelClients.create(limited(server.baseUrl(), ModelSpec.TRANSPORT_URI, "reject"), FAST,
          FILES, 1);
      ModelResponse tooWide = strict.call(withImage(wide)).get();
      assertThat(tooWide.status()).isEqualTo("image_rejected");
      assertThat(tooWide.error()).contains("wide.png", "128x32 px is over the model's max-side 64");
      for (ModelCaller caller : List.of(served, byUri)) {
        ModelResponse small3 = caller.call(withImage(tiny)).get();
        assertThat(small3.status()).isEqualTo("image_rejected");
        assertThat(small3.error()).contains("tiny.png", "3x3 px has a side under the model's min-side of 4 px");
      }
      assertThat(server.calls()).isEqualTo(3);
    }
  }
}
