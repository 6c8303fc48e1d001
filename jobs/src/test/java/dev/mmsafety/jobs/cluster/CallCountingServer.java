package dev.mmsafety.jobs.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A loopback model server for infrastructure tests: answers OpenAI-style chat completions after a fixed service
 * time and counts calls per request id ({@code X-Request-Id}) and per calling process ({@code X-Caller-Pid}), so a
 * test can see which executor made which calls and which requests were sent more than once.
 */
public final class CallCountingServer implements AutoCloseable {
  public static final String PATH = "/v1/chat/completions";
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  public static final String CALLER_PID_HEADER = "X-Caller-Pid";

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(2);
  private final Map<String, AtomicInteger> byRequest = new ConcurrentHashMap<>();
  private final Map<Long, AtomicInteger> byCaller = new ConcurrentHashMap<>();
  private final long serviceMs;

  private CallCountingServer(HttpServer server, long serviceMs) {
    this.server = server;
    this.serviceMs = serviceMs;
  }

  public static CallCountingServer start(Duration serviceTime) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    CallCountingServer s = new CallCountingServer(http, serviceTime.toMillis());
    http.createContext(PATH, s::handle);
    http.setExecutor(s.handlers);
    http.start();
    return s;
  }

  /** Base URL up to and including /v1, as endpoint configs hold it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER);
    String caller = exchange.getRequestHeaders().getFirst(CALLER_PID_HEADER);
    if (requestId == null || caller == null) {
      reply(exchange, 400, "{\"error\":{\"message\":\"missing X-Request-Id or X-Caller-Pid\"}}");
      return;
    }
    synchronized (this) {
      byRequest.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
      byCaller.computeIfAbsent(Long.parseLong(caller), k -> new AtomicInteger()).incrementAndGet();
      notifyAll();
    }
    String body =
        "{\"id\":\"cmpl-" + requestId + "\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"answer to " + requestId + "\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4}}";
    // the service time elapses on a timer, not in a sleeping handler thread
    replies.schedule(() -> reply(exchange, 200, body), serviceMs, TimeUnit.MILLISECONDS);
  }

  private static void reply(HttpExchange exchange, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      // the caller is gone (e.g. its executor was killed): the call still counted
    }
  }

  /** Calls per request id, sorted by id. */
  public synchronized Map<String, Integer> callsByRequest() {
    Map<String, Integer> out = new TreeMap<>();
    byRequest.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Calls per calling process id. */
  public synchronized Map<Long, Integer> callsByCaller() {
    Map<Long, Integer> out = new TreeMap<>();
    byCaller.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Waits until {@code condition} holds on the per-caller counts; false when {@code timeout} passed first. */
  public synchronized boolean awaitCallers(Predicate<Map<Long, Integer>> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.test(callsByCaller())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void close() {
    server.stop(0);
    replies.shutdownNow();
    handlers.shutdownNow();
  }
}
