package dev.mmsafety.udf.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model's servers report about the weights they serve, added to the user's revision when answers are
 * reused across nights ({@code inference.cache-scope: revision}), so that a checkpoint swapped behind the same
 * name and revision string still gets new request ids. Read once per model on the driver, before any call:
 * {@code GET <endpoint url>/models} (OpenAI protocol), the entry whose {@code id} is the served model name, and its
 * {@code root} (vLLM: the path or hub repo the weights were loaded from). {@code created} is not used: vLLM sets
 * it to the time of the request. A server that does not answer, lists no such id or has no {@code root} (hosted
 * APIs, the simulator) adds nothing; endpoints of one model that report different roots are a config error.
 */
public final class ServerRevisions {
  /** Separates the user's revision from the server's root in the effective revision. */
  public static final String ROOT_MARK = "+root=";
  private static final Duration TIMEOUT_MAX = Duration.ofSeconds(10);

  private ServerRevisions() {}

  /** The spec with its effective revision, and a line saying what was read. */
  public record Resolved(ModelSpec spec, String note) {}

  /** Resolves {@code spec}: unchanged unless answers are reused across runs and the model has a revision. */
  public static Resolved resolve(ModelSpec spec, InferenceSpec inference) {
    if (!inference.reusesAcrossRuns()) {
      return new Resolved(spec, null);
    }
    if (spec.revision() == null) {
      return new Resolved(spec, "model " + spec.name() + " has no revision: its answers are reused only within"
          + " the run date");
    }
    if (ModelPlacement.isExecutorLocal(spec)) {
      return new Resolved(spec, "revision of " + spec.name() + ": " + spec.revision()
          + " (endpoints are per GPU, not asked)");
    }
    Duration timeout = Duration.ofMillis(Math.min(inference.timeoutMs(), TIMEOUT_MAX.toMillis()));
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    Map<String, String> roots = new TreeMap<>();
    for (EndpointSpec e : spec.endpoints()) {
      String root = root(http, e.url(), spec, timeout);
      if (root != null) {
        roots.put(e.name(), root);
      }
    }
    if (roots.isEmpty()) {
      return new Resolved(spec, "revision of " + spec.name() + ": " + spec.revision()
          + " (no endpoint reports a root for " + spec.model() + " at GET /models)");
    }
    if (roots.values().stream().distinct().count() > 1) {
      throw new ConfigException("Cannot reuse answers of model " + spec.name() + ": its endpoints serve different"
          + " weights (GET /models root " + roots + "); give them one checkpoint or use cache-scope run");
    }
    String effective = spec.revision() + ROOT_MARK + roots.values().iterator().next();
    return new Resolved(spec.with(b -> b.revision = effective), "revision of " + spec.name() + ": " + effective);
  }

  /** The {@code root} of the served model's entry in {@code GET <url>/models}; null when there is none. */
  static String root(HttpClient http, String baseUrl, ModelSpec spec, Duration timeout) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/models")).timeout(timeout).GET();
    String key = ModelClients.apiKey(spec);
    if (key != null && !key.isEmpty()) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return null;
      }
      JsonNode data = CanonicalJson.mapper().readTree(response.body()).path("data");
      for (JsonNode model : data) {
        if (spec.model().equals(model.path("id").asText(null)) && model.path("root").isTextual()
            && !model.get("root").asText().isBlank()) {
          return model.get("root").asText();
        }
      }
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return null; // a server without /models (or unreachable now) says nothing about its weights
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
