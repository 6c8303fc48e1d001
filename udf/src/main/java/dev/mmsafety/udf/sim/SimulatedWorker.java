package dev.mmsafety.udf.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.SimulatorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated model worker: a real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol, with
 * a fixed capacity (requests beyond it wait in a FIFO queue), a service time, deterministic failure injection and
 * counters that tests read. What it answers is not decided here: each served model name has a behaviour profile
 * ({@link SimProfiles}: a {@link SimBehaviour} per profile) that turns the scanned request into the answer.
 *
 * <p>No thread sleeps per request: a handler thread reads and validates the body, then the request either starts
 * service (a scheduler completes the exchange after the service time) or waits in the queue until a slot frees.
 * Failure injection depends only on (seed, request id, attempt number), so a test run is repeatable.
 */
public final class SimulatedWorker implements AutoCloseable {
  public static final String MODEL_ID = "mmsafety-simulator";
  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimulatorSpec spec;
  /** Served model name -> behaviour; empty: every model name is answered by {@link #fallback}. */
  private final Map<String, SimBehaviour> behaviours;
  private final SimBehaviour fallback;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService scheduler;
  private final Object lock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private int active;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  // Requests that carried a bearer token: lets tests prove a key was sent without the server keeping it.
  private final AtomicLong authorizedCalls = new AtomicLong();
  private final AtomicLong firstCallAt = new AtomicLong();
  private final AtomicLong lastAnswerAt = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final Map<Integer, AtomicLong> statusCounts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> byRequestId = new ConcurrentHashMap<>();
  private final Set<HttpExchange> held = ConcurrentHashMap.newKeySet();
  // a storm of 429s switched on and off at run time (bench adaptive); -1 = off, else the Retry-After seconds
  private volatile int stormRetryAfterSeconds = -1;
  private final ImageFetcher fetcher = new ImageFetcher();
  private final AtomicLong imagesFetched = new AtomicLong();

  private enum Fault {
    NONE, SERVER_ERROR, TIMEOUT, THROTTLE, RESET, MALFORMED
  }

  /** A scanned request waiting for service; its answer is made on the handler thread, not the scheduler's. */
  private record Pending(HttpExchange exchange, String requestKey, SimRequest request, SimAnswer answer, Fault fault) {}

  private SimulatedWorker(SimulatorSpec spec, Map<String, String> profiles) throws IOException {
    this.spec = spec;
    Map<String, SimBehaviour> made = new java.util.LinkedHashMap<>();
    profiles.forEach((model, profile) -> made.put(model, SimProfiles.create(profile, spec)));
    this.behaviours = java.util.Collections.unmodifiableMap(made);
    this.fallback = SimProfile.TEXT_ALIGNED.create(spec);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    this.handlers = Executors.newFixedThreadPool(8, daemon("sim-handler"));
    this.scheduler = Executors.newScheduledThreadPool(2, daemon("sim-scheduler"));
    server.setExecutor(handlers);
    server.createContext("/v1/chat/completions", this::handleChat);
    server.createContext("/v1/models", this::handleModels);
    server.start();
  }

  /** Starts a worker on an ephemeral loopback port that answers any model name with profile text-aligned. */
  public static SimulatedWorker start(SimulatorSpec spec) {
    return start(spec, Map.of());
  }

  /**
   * Starts a worker serving exactly the given model names (served name -> profile, see {@link SimProfiles});
   * other names get 404 as from a real server, and {@code GET /v1/models} lists these names.
   */
  public static SimulatedWorker start(SimulatorSpec spec, Map<String, String> profiles) {
    try {
      return new SimulatedWorker(spec, profiles);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start simulated worker: " + e.getMessage(), e);
    }
  }

  /** Base URL including /v1, e.g. http://127.0.0.1:41234/v1. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public SimulatorSpec spec() {
    return spec;
  }

  public SimulatorCounters counters() {
    Map<Integer, Long> statuses = new TreeMap<>();
    statusCounts.forEach((k, v) -> statuses.put(k, v.get()));
    Map<String, Integer> ids = new TreeMap<>();
    byRequestId.forEach((k, v) -> ids.put(k, v.get()));
    return new SimulatorCounters(calls.get(), statuses, ids, resets.get(), timeouts.get(), maxInFlight.get(),
        firstCallAt.get(), lastAnswerAt.get(), authorizedCalls.get());
  }

  /** Answers every chat request 429 with {@code Retry-After: retryAfterSeconds} until {@link #endStorm}. */
  public void startStorm(int retryAfterSeconds) {
    stormRetryAfterSeconds = retryAfterSeconds;
  }

  public void endStorm() {
    stormRetryAfterSeconds = -1;
  }

  /** Requests received and not yet answered right now (queued ones included). */
  public int inFlightNow() {
    return inFlight.get();
  }

  /** Zeroes every counter (e.g. after a warm-up), so the next snapshot covers only what follows. */
  public void resetCounters() {
    calls.set(0);
    resets.set(0);
    timeouts.set(0);
    firstCallAt.set(0);
    lastAnswerAt.set(0);
    maxInFlight.set(inFlight.get());
    statusCounts.clear();
    byRequestId.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
    handlers.shutdownNow();
    for (HttpExchange exchange : held) {
      exchange.close();
    }
    synchronized (lock) {
      queue.forEach(p -> p.exchange().close());
      queue.clear();
    }
  }

  private void handleModels(HttpExchange exchange) throws IOException {
    drain(exchange);
    ObjectNode body = JSON.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    for (String id : behaviours.isEmpty() ? List.of(MODEL_ID) : behaviours.keySet()) {
      data.addObject().put("id", id).put("object", "model").put("owned_by", "mmsafety-simulator");
    }
    send(exchange, 200, JSON.writeValueAsBytes(body), "models");
  }

  private void handleChat(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      drain(exchange);
      send(exchange, 405, error("only POST is supported"), "models");
      return;
    }
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = readBody(exchange, in);
    }
    calls.incrementAndGet();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ") && authorization.length() > 7) {
      authorizedCalls.incrementAndGet();
    }
    firstCallAt.compareAndSet(0, System.currentTimeMillis());
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    String header = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
    String requestKey = header != null ? header : Hashing.sha256Hex(bytes);
    int attempt = byRequestId.computeIfAbsent(requestKey, k -> new AtomicInteger()).incrementAndGet();
    Fault fault = fault(requestKey, attempt);
    if (fault == Fault.RESET) {
      resets.incrementAndGet();
      inFlight.decrementAndGet();
      exchange.close();
      return;
    }
    int storm = stormRetryAfterSeconds;
    if (fault == Fault.THROTTLE || storm >= 0) {
      exchange.getResponseHeaders().set("Retry-After", String.valueOf(storm >= 0 ? storm : spec.retryAfterSeconds()));
      send(exchange, 429, error("too many requests"), null);
      return;
    }
    ChatRequestScan.ChatRequest request;
    try {
      request = ChatRequestScan.scan(bytes);
    } catch (IllegalArgumentException e) {
      send(exchange, 400, error(e.getMessage()), null);
      return;
    }
    SimBehaviour behaviour = behaviours.isEmpty() ? fallback : behaviours.get(request.model());
    if (behaviour == null) {
      send(exchange, 404, error("The model '" + request.model() + "' does not exist (served: "
          + String.join(", ", behaviours.keySet()) + ")"), null);
      return;
    }
    List<String> urls = request.images().stream().filter(i -> i.kind() == ChatRequestScan.ImageKind.HTTP)
        .map(ChatRequestScan.ImageRef::url).toList();
    if (urls.isEmpty()) {
      admit(answered(exchange, requestKey, SimRequest.of(request, Map.of()), behaviour, fault));
      return;
    }
    // images by URL are fetched first, as a server that reads them itself would (bounded, with a deadline), and
    // read like inline ones: the answer does not depend on the transport
    fetcher.fetchAll(urls).whenComplete((fetched, failure) -> {
      if (failure == null) {
        imagesFetched.addAndGet(urls.size());
        admit(answered(exchange, requestKey, SimRequest.of(request, fetched), behaviour, fault));
        return;
      }
      try {
        send(exchange, 400, error("cannot fetch image URL: " + ImageFetcher.reason(failure)), null);
      } catch (IOException e) {
        // the client went away
      }
    });
  }

  /** The profile answers on the handler thread (the scheduler only completes exchanges); faults need no answer. */
  private static Pending answered(
      HttpExchange exchange, String requestKey, SimRequest request, SimBehaviour behaviour, Fault fault) {
    return new Pending(exchange, requestKey, request, fault == Fault.NONE ? behaviour.answer(request) : null, fault);
  }

  private void admit(Pending pending) {
    synchronized (lock) {
      if (active < spec.capacity()) {
        active++;
      } else {
        queue.addLast(pending);
        return;
      }
    }
    startService(pending);
  }

  /** Images fetched by URL (http or https image_url parts) so far. */
  public long imagesFetched() {
    return imagesFetched.get();
  }

  /** The body in one array of its declared length (no growing buffers: image bodies are hundreds of KB). */
  private static byte[] readBody(HttpExchange exchange, InputStream in) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared == null) {
      return in.readAllBytes();
    }
    byte[] body = new byte[Integer.parseInt(declared.trim())];
    int n = in.readNBytes(body, 0, body.length);
    return n == body.length ? body : java.util.Arrays.copyOf(body, n);
  }

  private void startService(Pending pending) {
    long jitter = spec.serviceJitterMs() == 0
        ? 0 : (long) (SimulatorAnswers.unit("jitter", pending.requestKey()) * (spec.serviceJitterMs() + 1));
    long delay = spec.serviceMs() + jitter;
    try {
      scheduler.schedule(() -> finish(pending), delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.exchange().close(); // closing down
    }
  }

  private void finish(Pending pending) {
    try {
      switch (pending.fault()) {
        case SERVER_ERROR -> send(pending.exchange(), 503, error("simulated server error"), null);
        case MALFORMED -> send(pending.exchange(), 200,
            "{\"id\":\"chatcmpl-x\",\"choices\":[{\"message\":{\"content\":\"trunc".getBytes(StandardCharsets.UTF_8),
            null);
        case TIMEOUT -> hold(pending.exchange());
        default -> send(pending.exchange(), 200, completion(pending), null);
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    } finally {
      Pending next;
      synchronized (lock) {
        next = queue.pollFirst();
        if (next == null) {
          active--;
        }
      }
      if (next != null) {
        startService(next);
      }
    }
  }

  private void hold(HttpExchange exchange) {
    timeouts.incrementAndGet();
    held.add(exchange);
    scheduler.schedule(() -> {
      held.remove(exchange);
      inFlight.decrementAndGet();
      exchange.close();
    }, spec.timeoutHoldMs(), TimeUnit.MILLISECONDS);
  }

  private byte[] completion(Pending pending) throws IOException {
    SimAnswer answer = pending.answer();
    SimRequest request = pending.request();
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-" + pending.requestKey().substring(0, Math.min(16, pending.requestKey().length())));
    body.put("object", "chat.completion");
    body.put("model", behaviours.isEmpty() ? MODEL_ID : request.model());
    ArrayNode choices = body.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", answer.text());
    choice.put("finish_reason", answer.finishReason());
    int promptTokens = (request.systemText().length() + request.userText().length()) / 4 + 1
        + 85 * request.images().size();
    int completionTokens = answer.text().split(" ").length;
    body.putObject("usage")
        .put("prompt_tokens", promptTokens)
        .put("completion_tokens", completionTokens)
        .put("total_tokens", promptTokens + completionTokens);
    return JSON.writeValueAsBytes(body);
  }

  private Fault fault(String requestKey, int attempt) {
    double u = SimulatorAnswers.unit("fault", String.valueOf(spec.seed()), requestKey, String.valueOf(attempt));
    double edge = spec.errorRate();
    if (u < edge) {
      return Fault.SERVER_ERROR;
    }
    if (u < (edge += spec.timeoutRate())) {
      return Fault.TIMEOUT;
    }
    if (u < (edge += spec.throttleRate())) {
      return Fault.THROTTLE;
    }
    if (u < (edge += spec.resetRate())) {
      return Fault.RESET;
    }
    if (u < edge + spec.malformedRate()) {
      return Fault.MALFORMED;
    }
    return Fault.NONE;
  }

  /** Sends and closes; {@code route} "models" keeps non-chat answers out of the status counters. */
  private void send(HttpExchange exchange, int status, byte[] body, String route) throws IOException {
    // The request leaves the in-flight count before its answer is written: once the client has the answer it may
    // send the next one, which must not be counted while this one still is.
    inFlight.decrementAndGet();
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      // Counted once the headers are out but before the body: a client cannot hold the full answer (its length is
      // fixed) before it is counted, so a caller that read every answer reads every count.
      if (route == null) {
        lastAnswerAt.accumulateAndGet(System.currentTimeMillis(), Math::max);
        statusCounts.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
      }
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  private void drain(HttpExchange exchange) throws IOException {
    inFlight.incrementAndGet();
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
  }

  private static byte[] error(String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
