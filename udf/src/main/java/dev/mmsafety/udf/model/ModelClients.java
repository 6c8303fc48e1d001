package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.AdaptiveSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.http.AdaptiveConcurrency;
import dev.mmsafety.udf.http.CircuitBreaker;
import dev.mmsafety.udf.http.EndpointConcurrency;
import dev.mmsafety.udf.http.RetryPolicy;
import dev.mmsafety.udf.image.ImageLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds {@link ModelCaller}s from config. One {@link HttpClient} (HTTP/1.1: vLLM's uvicorn answers the default
 * h2c upgrade with 400) serves the whole JVM, and {@link #shared} returns one caller per model and settings per
 * JVM, so that every task in an executor shares the endpoints' breakers, budgets and outstanding counts.
 */
public final class ModelClients {
  private static final Map<String, ModelCaller> SHARED = new ConcurrentHashMap<>();
  private static volatile HttpClient http;
  private static volatile ImageDataUrls sharedImages;

  private ModelClients() {}

  /** The JVM's HTTP client (created on first use, never closed: its threads are daemons). */
  public static HttpClient httpClient() {
    if (http == null) {
      synchronized (ModelClients.class) {
        if (http == null) {
          AtomicInteger n = new AtomicInteger();
          ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mmsafety-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
          http = HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10))
              .executor(pool)
              .build();
        }
      }
    }
    return http;
  }

  /**
   * A new caller (its own breakers and budgets).
   *
   * @param jvmShare how many JVMs share each endpoint's max-concurrency; each gets floor(max / jvmShare)
   */
  public static ModelCaller create(ModelSpec spec, InferenceSpec inference, ImageLoader images, int jvmShare) {
    if (spec.endpoints().isEmpty()) {
      throw new ConfigException("Cannot create client for model " + spec.name() + ": no endpoints");
    }
    List<ModelEndpoint> endpoints = new ArrayList<>();
    for (EndpointSpec e : spec.endpoints()) {
      if (EndpointSpec.SIMULATOR_URL.equals(e.url())) {
        throw new ConfigException("Cannot create client for model " + spec.name() + ": endpoint " + e.name()
            + " still says url 'simulator' (start the simulator and resolve it first)");
      }
      checkUrl(spec, e);
      endpoints.add(new ModelEndpoint(e.name(), e.url(), e.isSimulator(), concurrency(e, inference, jvmShare),
          new CircuitBreaker(inference.breakerFailures(), inference.breakerOpenMs(), System::currentTimeMillis)));
    }
    RetryPolicy retry = new RetryPolicy(inference.maxAttempts(), inference.backoffMs(),
        Math.max(inference.backoffMs(), inference.maxBackoffMs()), RetryPolicy.MAX_RETRY_AFTER_MS_DEFAULT);
    return new OpenAiModelCaller(spec, endpoints, retry, Duration.ofMillis(inference.timeoutMs()), httpClient(),
        images(images), apiKey(spec));
  }

  /**
   * This JVM's concurrency for an endpoint: its share of the job-wide budget, floor(budget / jvmShare) (at least 1),
   * so that the JVMs together never exceed a configured max-concurrency (unless it is below the number of JVMs).
   * Adaptive: each JVM learns its own limit within its share, from the latencies and overload answers it sees.
   */
  static EndpointConcurrency concurrency(EndpointSpec e, InferenceSpec inference, int jvmShare) {
    AdaptiveSpec a = inference.adaptive();
    int share = Math.max(1, e.budget(a.enabled()) / Math.max(1, jvmShare));
    if (!a.enabled()) {
      return EndpointConcurrency.fixed(share);
    }
    int min = Math.min(a.min(), share);
    return EndpointConcurrency.adaptive(
        new AdaptiveConcurrency.Settings(a.initial(), min, share, a.tolerance(), a.backoff()));
  }

  /** The JVM-wide caller for this model and these settings (created on first use). */
  public static ModelCaller shared(ModelSpec spec, InferenceSpec inference, ImageLoader images, int jvmShare) {
    String key = spec + "|" + inference + "|" + jvmShare;
    return SHARED.computeIfAbsent(key, k -> create(spec, inference, images, jvmShare));
  }

  private static ImageDataUrls images(ImageLoader loader) {
    // Loaders are per job, the encoded-image LRU is per JVM; the loader only matters on a cache miss.
    ImageDataUrls current = sharedImages;
    if (current == null || current.loader() != loader) {
      current = new ImageDataUrls(loader, ImageDataUrls.cacheBytes(Runtime.getRuntime().maxMemory()));
      sharedImages = current;
    }
    return current;
  }

  /**
   * The request as it is sent: the model's system prompt first when the request has no system message, and the
   * model's generation parameters when the request has none. Request ids (and so the cache) use this form.
   */
  public static ModelRequest effectiveRequest(ModelSpec spec, ModelRequest request) {
    GenerationSpec generation = request.generation() != null ? request.generation() : spec.generation();
    List<ChatMessage> messages = request.messages();
    boolean hasSystem = messages.stream().anyMatch(m -> "system".equals(m.role()));
    if (!hasSystem && spec.systemPrompt() != null && !spec.systemPrompt().isBlank()) {
      List<ChatMessage> withSystem = new ArrayList<>(messages.size() + 1);
      withSystem.add(ChatMessage.system(spec.systemPrompt()));
      withSystem.addAll(messages);
      messages = withSystem;
    }
    if (generation == request.generation() && messages == request.messages()) {
      return request;
    }
    return new ModelRequest(request.modelName(), messages, generation);
  }

  /** The key from the environment variable NAMED in config; null when none is configured or it is unset. */
  static String apiKey(ModelSpec spec) {
    if (spec.apiKeyEnv() == null || spec.apiKeyEnv().isBlank()) {
      return null;
    }
    return System.getenv(spec.apiKeyEnv());
  }

  private static void checkUrl(ModelSpec spec, EndpointSpec e) {
    URI uri;
    try {
      uri = URI.create(e.url());
    } catch (IllegalArgumentException ex) {
      throw new ConfigException("Cannot create client for model " + spec.name() + ": endpoint " + e.name()
          + " url is not a URI");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException("Cannot create client for model " + spec.name() + ": endpoint " + e.name()
          + " url must be http or https");
    }
    if (uri.getUserInfo() != null) {
      throw new ConfigException("Cannot create client for model " + spec.name() + ": endpoint " + e.name()
          + " url carries credentials; use api-key-env instead");
    }
  }
}
