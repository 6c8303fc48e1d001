package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.http.AdaptiveConcurrency;
import dev.mmsafety.udf.http.ChatWire;
import dev.mmsafety.udf.http.DeadlineBodyHandler;
import dev.mmsafety.udf.http.EndpointConcurrency;
import dev.mmsafety.udf.http.RetryPolicy;
import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Calls one configured model over OpenAI-compatible chat completions. Each call picks the endpoint with the
 * fewest outstanding requests among those whose breaker is closed, waits (without a thread) for that endpoint's
 * concurrency permit, sends, and on 408/429/5xx/IO errors retries with backoff and jitter, honouring Retry-After.
 * Every failure ends as a {@link ModelResponse} status with a reason; the future never fails.
 */
public final class OpenAiModelCaller implements ModelCaller {
  private final ModelSpec spec;
  private final List<ModelEndpoint> endpoints;
  private final RetryPolicy retry;
  private final Duration timeout;
  private final HttpClient http;
  private final ImageDataUrls images;
  private final ImageReferences references;
  private final String authorization;
  private final dev.mmsafety.udf.image.ImageSendPolicy sendPolicy;

  OpenAiModelCaller(
      ModelSpec spec,
      List<ModelEndpoint> endpoints,
      RetryPolicy retry,
      Duration timeout,
      HttpClient http,
      ImageDataUrls images,
      String apiKey) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("Cannot create client for model " + spec.name() + ": no endpoints");
    }
    this.spec = spec;
    this.endpoints = List.copyOf(endpoints);
    this.retry = retry;
    this.timeout = timeout;
    this.http = http;
    this.images = images;
    this.references = new ImageReferences(spec.imageTransport(), images.loader());
    this.authorization = apiKey == null || apiKey.isEmpty() ? null : "Bearer " + apiKey;
    this.sendPolicy = spec.imageSendPolicy();
  }

  public ModelSpec spec() {
    return spec;
  }

  @Override
  public CompletableFuture<ModelResponse> call(ModelRequest asked) {
    ModelRequest request = ModelClients.effectiveRequest(spec, asked);
    String requestId = RequestIds.of(spec, request);
    CompletableFuture<ModelResponse> result = new CompletableFuture<>();
    attempt(new Call(requestId, request, result), 1);
    return result;
  }

  /**
   * The image_url of a part. Every transport is held to the model's image policy before any call: by reference
   * when the stored file passes as it is; otherwise executor-http serves the policy's copy and uri (whose server
   * reads the stored file itself) sends the copy inline; an image the limits refuse is an image_rejected.
   */
  private byte[] imageUrl(dev.mmsafety.udf.model.ContentPart part) throws IOException {
    try {
      // bytes a defense made (purified images) have no URI to send: they go inline whatever the transport
      if (!ModelSpec.TRANSPORT_DATA_URL.equals(spec.imageTransport()) && part.bytes() == null
          && part.imageUri() != null) {
        boolean asStored = images.sendsAsStored(part, sendPolicy);
        if (asStored || references.servesCopies()) {
          return reference(part, asStored ? null : sendPolicy);
        }
      }
      return images.dataUrlBytes(part, sendPolicy);
    } catch (ImageDataUrls.ImageRejectedException e) {
      throw new ImageDataUrls.ImageRejectedException(e.reasonCode(), "image " + part.imageUri() + ": "
          + e.getMessage().substring(e.reasonCode().length() + 2));
    } catch (ReferenceException e) {
      throw new IOException(e.getMessage(), e.getCause());
    } catch (IOException e) {
      throw new IOException("cannot read image " + part.imageUri() + ": " + reason(e), e);
    }
  }

  private byte[] reference(dev.mmsafety.udf.model.ContentPart part, dev.mmsafety.udf.image.ImageSendPolicy copy)
      throws ReferenceException {
    try {
      return references.urlFor(part.imageUri(), copy).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ReferenceException("cannot reference image " + part.imageUri() + ": " + reason(e), e);
    }
  }

  /** A URL could not be made for an image (its message is final). */
  private static final class ReferenceException extends IOException {
    ReferenceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Call(String requestId, ModelRequest request, CompletableFuture<ModelResponse> result) {}


  /**
   * What one HTTP attempt came to; status null: its body could not be built (an unreadable image, or one the
   * model's image-limits reject: notSentStatus), not sent.
   */
  private record Attempt(
      String status, Integer httpStatus, String error, boolean retryable, long retryAfterMs,
      ChatWire.Answer answer, long latencyMs, String notSentStatus) {
    Attempt(String status, Integer httpStatus, String error, boolean retryable, long retryAfterMs,
        ChatWire.Answer answer, long latencyMs) {
      this(status, httpStatus, error, retryable, retryAfterMs, answer, latencyMs, null);
    }

    static Attempt notSent(String status, String error) {
      return new Attempt(null, null, error, false, -1, null, 0, status);
    }
  }

  private void attempt(Call call, int n) {
    ModelEndpoint endpoint = pick();
    if (endpoint == null) {
      call.result().complete(failure(call.requestId(), ModelResponse.Status.BREAKER_OPEN,
          "Cannot call model " + spec.name() + ": circuit breaker open on every endpoint", null, n - 1, null, null));
      return;
    }
    endpoint.outstanding.incrementAndGet();
    endpoint.limiter.acquire()
        .thenCompose(granted -> send(endpoint, call))
        .exceptionally(error -> new Attempt(ModelResponse.Status.IO_ERROR, null, reason(unwrap(error)), false, -1,
            null, 0))
        .thenAccept(a -> {
          endpoint.limiter.release(signal(a), a.latencyMs(), a.retryAfterMs());
          endpoint.outstanding.decrementAndGet();
          if (a.status() == null) { // the body could not be built: nothing was sent
            call.result().complete(failure(call.requestId(), a.notSentStatus(), a.error(), null, n - 1, null, null));
          } else {
            finish(call, n, endpoint, a);
          }
        });
  }

  /** What an attempt tells the endpoint's concurrency controller: 2xx latency, overload, or nothing. */
  private static AdaptiveConcurrency.Signal signal(Attempt a) {
    if (a.status() == null) {
      return AdaptiveConcurrency.Signal.NEUTRAL; // nothing was sent
    }
    Integer code = a.httpStatus();
    if (a.answer() != null || (code != null && code >= 200 && code < 300)) {
      return AdaptiveConcurrency.Signal.OK;
    }
    if ((code != null && (code == 429 || code == 503 || code == 408))
        || (code == null && ModelResponse.Status.TIMEOUT.equals(a.status()))) {
      return AdaptiveConcurrency.Signal.OVERLOAD;
    }
    return AdaptiveConcurrency.Signal.NEUTRAL;
  }

  /** This caller's endpoints' concurrency, by endpoint name (for benches and progress). */
  public java.util.Map<String, EndpointConcurrency> concurrency() {
    java.util.Map<String, EndpointConcurrency> out = new java.util.LinkedHashMap<>();
    endpoints.forEach(e -> out.put(e.name, e.limiter));
    return out;
  }

  private void finish(Call call, int n, ModelEndpoint endpoint, Attempt a) {
    // A 429/503 with Retry-After is a live server asking to wait (the limiter pauses for it), not a dead endpoint.
    boolean askedToWait = a.retryAfterMs() > 0 && a.httpStatus() != null
        && (a.httpStatus() == 429 || a.httpStatus() == 503);
    if (a.retryable() && !askedToWait) {
      endpoint.breaker.onFailure();
    } else {
      endpoint.breaker.onSuccess(); // the server answered, even if it refused this request
    }
    if (a.answer() != null) {
      ChatWire.Answer ans = a.answer();
      call.result().complete(new ModelResponse(call.requestId(), a.status(), ans.text(),
          ans.finishReason(), ans.promptTokens(), ans.completionTokens(), a.latencyMs(), a.httpStatus(), n,
          endpoint.name, null, false, ans.channel(), ans.toolCalls()));
      return;
    }
    if (a.retryable() && retry.hasAttemptAfter(n)) {
      long delay = retry.delayMs(n, a.retryAfterMs(), ThreadLocalRandom.current().nextDouble());
      CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> attempt(call, n + 1));
      return;
    }
    String message = "Cannot call model " + spec.name() + " at endpoint " + endpoint.name + ": " + a.error()
        + (n > 1 ? " (after " + n + " attempts)" : "");
    call.result().complete(
        failure(call.requestId(), a.status(), message, a.httpStatus(), n, endpoint.name, a.latencyMs()));
  }

  /**
   * Builds the body once a permit is held, so that requests waiting for a permit hold no body (image bytes are
   * shared from the encoded-image cache; only the JSON around them is per request), and sends it.
   */
  private CompletableFuture<Attempt> send(ModelEndpoint endpoint, Call call) {
    ChatWire.Body body;
    try {
      body = ChatWire.requestBodyParts(spec.model(), call.request().messages(), call.request().generation(),
          this::imageUrl);
    } catch (ImageDataUrls.ImageRejectedException e) {
      return CompletableFuture.completedFuture(Attempt.notSent(ModelResponse.Status.IMAGE_REJECTED,
          "Cannot send to model " + spec.name() + ": " + e.getMessage()));
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.completedFuture(
          Attempt.notSent(ModelResponse.Status.CLIENT_ERROR, "Cannot build request: " + reason(e)));
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.chatUri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("X-Request-Id", call.requestId())
        .POST(HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofByteArrays(body.parts()), body.length()));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> sent;
    try {
      sent = http.sendAsync(builder.build(), DeadlineBodyHandler.startingNow(timeout.toMillis()));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          new Attempt(ModelResponse.Status.IO_ERROR, null, reason(e), false, -1, null, 0));
    }
    return sent.handle((response, error) -> {
      long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return error != null ? fromError(unwrap(error), latency) : fromResponse(response, latency);
    });
  }

  private Attempt fromResponse(HttpResponse<byte[]> response, long latency) {
    int code = response.statusCode();
    if (code >= 200 && code < 300) {
      try {
        ChatWire.Answer answer = ChatWire.parseAnswer(response.body());
        // A filtered answer is the provider's decision, final like any answer: never retried.
        String status = answer.filtered() ? ModelResponse.Status.CONTENT_FILTERED : ModelResponse.Status.OK;
        return new Attempt(status, code, null, false, -1, answer, latency);
      } catch (ChatWire.BadResponseException e) {
        // a garbled body is usually a transient proxy or server fault: worth another attempt
        return new Attempt(ModelResponse.Status.BAD_RESPONSE, code, "bad response: " + e.getMessage(), true, -1,
            null, latency);
      } catch (ChatWire.ErrorBodyException e) {
        return fromErrorBody(code, e, latency);
      }
    }
    String detail = ChatWire.errorMessage(response.body());
    long retryAfter = RetryPolicy.parseRetryAfterMs(
        response.headers().firstValue("Retry-After").orElse(null), System.currentTimeMillis());
    if (code == 408) {
      return new Attempt(ModelResponse.Status.TIMEOUT, code, "HTTP 408: " + detail, true, retryAfter, null, latency);
    }
    if (code == 429) {
      return new Attempt(ModelResponse.Status.SERVER_ERROR, code, "HTTP 429 throttled: " + detail, true, retryAfter,
          null, latency);
    }
    if (code >= 500) {
      return new Attempt(ModelResponse.Status.SERVER_ERROR, code, "HTTP " + code + ": " + detail, true, retryAfter,
          null, latency);
    }
    String why = "HTTP " + code + ": " + detail;
    if (code == 404 && detail.toLowerCase(java.util.Locale.ROOT).contains("model")) {
      why = "unknown model '" + spec.model() + "' (HTTP 404: " + detail + ")";
    } else if (code == 401 || code == 403) {
      why = "HTTP " + code + " authentication failed"
          + (spec.apiKeyEnv() == null ? " (no api-key-env configured)" : " (check env var " + spec.apiKeyEnv() + ")");
    }
    return new Attempt(ModelResponse.Status.CLIENT_ERROR, code, why, false, -1, null, latency);
  }

  /** Words in an error body's code or type that mean "try again later" (as 429/5xx would). */
  private static final java.util.Set<String> RETRYABLE_CODES =
      java.util.Set.of("rate_limit_exceeded", "rate_limit_error", "too_many_requests", "server_error",
          "internal_error", "internal_server_error", "overloaded", "overloaded_error", "service_unavailable",
          "timeout", "engine_overloaded");

  /**
   * A 2xx whose body is the server's error report: the status and retry follow the server's code (a number is
   * read like an HTTP status; a word is retried only when it says rate limit, overload or a server fault); with
   * no code it is a server_error and not retried, since nothing says another attempt could succeed.
   */
  private Attempt fromErrorBody(int httpCode, ChatWire.ErrorBodyException e, long latency) {
    String code = e.reason().code();
    String why = "HTTP " + httpCode + " with an error body" + (code == null ? "" : " (code " + code + ")") + ": "
        + e.getMessage();
    Integer numeric = code != null && code.matches("[1-5][0-9][0-9]") ? Integer.valueOf(code) : null;
    if (numeric != null) {
      if (numeric == 408) {
        return new Attempt(ModelResponse.Status.TIMEOUT, httpCode, why, true, -1, null, latency);
      }
      boolean retry = numeric == 429 || numeric >= 500;
      String status = retry || numeric < 400 ? ModelResponse.Status.SERVER_ERROR : ModelResponse.Status.CLIENT_ERROR;
      return new Attempt(status, httpCode, why, retry, -1, null, latency);
    }
    String word = code == null ? "" : code.toLowerCase(java.util.Locale.ROOT);
    if (RETRYABLE_CODES.contains(word)) {
      return new Attempt(ModelResponse.Status.SERVER_ERROR, httpCode, why, true, -1, null, latency);
    }
    String status = word.isEmpty() ? ModelResponse.Status.SERVER_ERROR : ModelResponse.Status.CLIENT_ERROR;
    return new Attempt(status, httpCode, why, false, -1, null, latency);
  }

  private static Attempt fromError(Throwable error, long latency) {
    if (error instanceof HttpTimeoutException) {
      return new Attempt(ModelResponse.Status.TIMEOUT, null, "timed out: " + reason(error), true, -1, null, latency);
    }
    if (hasCause(error, UnresolvedAddressException.class) || hasCause(error, UnknownHostException.class)) {
      return new Attempt(ModelResponse.Status.IO_ERROR, null, "unknown host (DNS lookup failed)", false, -1, null,
          latency);
    }
    if (hasCause(error, SSLException.class)) {
      return new Attempt(ModelResponse.Status.IO_ERROR, null, "TLS failure: " + reason(rootCause(error)), false, -1,
          null, latency);
    }
    if (error instanceof IOException) {
      return new Attempt(ModelResponse.Status.IO_ERROR, null, "I/O error: " + reason(error), true, -1, null, latency);
    }
    return new Attempt(ModelResponse.Status.IO_ERROR, null, reason(error), false, -1, null, latency);
  }

  /** Least outstanding requests among endpoints whose breaker lets calls through; null when none does. */
  private ModelEndpoint pick() {
    List<ModelEndpoint> open = new ArrayList<>(endpoints.size());
    for (ModelEndpoint e : endpoints) {
      if (e.breaker.allowsCalls()) {
        open.add(e);
      }
    }
    open.sort(java.util.Comparator.comparingInt(e -> e.outstanding.get()));
    for (ModelEndpoint e : open) {
      if (e.breaker.tryAcquire()) {
        return e;
      }
    }
    return null;
  }

  private static ModelResponse failure(
      String requestId, String status, String error, Integer httpStatus, int attempts, String endpoint, Long latency) {
    return new ModelResponse(requestId, status, null, null, null, null, latency, httpStatus, attempts, endpoint,
        error, false);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
            || t instanceof java.util.concurrent.ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  static String reason(Throwable t) {
    if (t == null) {
      return "unknown error";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.replaceAll("\\s+", " "));
  }
}
