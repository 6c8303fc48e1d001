package dev.mmsafety.udf.judge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real OpenAI chat-completions server on 127.0.0.1 for judge tests. {@code answer} maps the request JSON to a
 * reply: {@link Reply#text} becomes choices[0].message.content with HTTP 200; {@link Reply#status} any other status.
 */
public final class LoopbackJudgeServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the server answers to one request. */
  public record Reply(int status, String body) {
    public static Reply text(String content) {
      return new Reply(200, JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
          JSON.createObjectNode().put("finish_reason", "stop")
              .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
          .toString());
    }

    public static Reply status(int code) {
      return new Reply(code, "{\"error\":\"test\"}");
    }
  }

  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  public LoopbackJudgeServer(Function<JsonNode, Reply> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/chat/completions", exchange -> {
      calls.incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Reply reply = answer.apply(request);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  /** Base URL up to and including /v1. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public int calls() {
    return calls.get();
  }

  public List<JsonNode> requests() {
    return requests;
  }

  /** The text of the last user message's text part of a request. */
  public static String promptText(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (JsonNode part : messages.get(messages.size() - 1).path("content")) {
      if ("text".equals(part.path("type").asText())) {
        return part.path("text").asText();
      }
    }
    return "";
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
