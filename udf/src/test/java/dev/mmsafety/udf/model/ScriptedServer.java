package dev.mmsafety.udf.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A loopback server answering chat completions from a script: reply number n -> what to do. */
final class ScriptedServer implements AutoCloseable {
  record Reply(int status, String body, Map<String, String> headers, boolean resets, boolean hangs) {
    static Reply ok(String text) {
      return new Reply(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + text
          + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":3}}",
          Map.of(), false, false);
    }

    static Reply status(int status, String body) {
      return new Reply(status, body, Map.of(), false, false);
    }

    static Reply status(int status, String body, Map<String, String> headers) {
      return new Reply(status, body, headers, false, false);
    }

    static Reply reset() {
      return new Reply(0, null, Map.of(), true, false);
    }

    static Reply hang() {
      return new Reply(0, null, Map.of(), false, true);
    }
  }

  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final List<Map<String, List<String>>> headers = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  ScriptedServer(IntFunction<Reply> script) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "scripted-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/v1/chat/completions", exchange -> handle(exchange, script));
    server.start();
  }

  private void handle(HttpExchange exchange, IntFunction<Reply> script) throws IOException {
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    headers.add(Map.copyOf(exchange.getRequestHeaders()));
    Reply reply = script.apply(calls.getAndIncrement());
    if (reply.resets()) {
      exchange.close();
      return;
    }
    if (reply.hangs()) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int calls() {
    return calls.get();
  }

  List<String> bodies() {
    return bodies;
  }

  List<Map<String, List<String>>> headers() {
    return headers;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
