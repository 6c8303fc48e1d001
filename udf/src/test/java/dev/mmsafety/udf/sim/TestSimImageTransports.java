package dev.mmsafety.udf.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ExecutorImageServer;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated worker reads an image fetched by URL as it reads an inline one: the transport changes nothing. */
class TestSimImageTransports {
  private static final InferenceSpec FAST =
      new InferenceSpec(8, 2, 1L, 5L, 5_000L, null, null, null, 100, 60_000L, null, null, null);
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dir;

  /** Reads file: URIs from disk and http: URLs over HTTP (what a store's loader would do). */
  private static final ImageLoader LOADER = uri -> {
    if (!uri.startsWith("http")) {
      return Files.readAllBytes(Path.of(URI.create(uri)));
    }
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofByteArray())
          .body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException(e);
    }
  };

  private static ModelSpec model(String url, String transport) {
    return new ModelSpec("m", "m", List.of(new EndpointSpec("sim", url, 4, null)), null, transport, null,
        GenerationSpec.DEFAULT);
  }

  private static ModelRequest figStep(String imageUri) {
    return new ModelRequest("m", List.of(ChatMessage.user(List.of(ContentPart.text(SimFixtures.FIGSTEP_PROMPT),
        ContentPart.image(imageUri, "sha-figstep")))), null);
  }

  @Test
  void aFigStepProbeGetsTheSameAnswerInlineAndByUrl() throws Exception {
    Path page = Files.write(dir.resolve("figstep.png"), SimFixtures.figStep(SimFixtures.HARMFUL.get(3)));
    try (SimulatedWorker sim = SimulatedWorker.start(new SimulatorSpec(4, 0L, 0L, null, null, null, null, null));
        ExecutorImageServer files = ExecutorImageServer.start(null)) {
      String byUrl = files.urlFor(page.toUri().toString(), LOADER, null);
      ModelResponse inline = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_DATA_URL), FAST, LOADER, 1)
          .call(figStep(page.toUri().toString())).get();
      ModelCaller uri = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_URI), FAST, LOADER, 1);
      ModelResponse fetched = uri.call(figStep(byUrl)).get();
      ModelResponse served = ModelClients.create(model(sim.baseUrl(), ModelSpec.TRANSPORT_EXECUTOR_HTTP), FAST,
          LOADER, 1).call(figStep(page.toUri().toString())).get();
      assertThat(inline.status()).as(inline.error()).isEqualTo("ok");
      assertThat(fetched.status()).as(fetched.error()).isEqualTo("ok");
      assertThat(sim.imagesFetched()).isEqualTo(2);
      // the typed page is read from its pixels whatever the transport: the same draw, the same answer
      assertThat(fetched.text()).isEqualTo(inline.text());
      assertThat(served.text()).isEqualTo(inline.text());
    }
  }
}
