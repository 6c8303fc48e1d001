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

    /** Never answers: the exchange is held until the server closes (a client timeout). */
    public static Reply hang() {
      return new Reply(HANG, "");
    }
  }

  private static final int HANG = -1;

  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public LoopbackJudgeServer(Function<JsonNode, Reply> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/v1/chat/completions", exchange -> {
      calls.incrementAndGet();
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(request);
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      Reply reply = answer.apply(request);
      if (reply.status() == HANG) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          exchange.close();
          return;
        }
      }
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

  /** The Authorization header of each request, "null" where none was sent. */
  public List<String> authorizations() {
    return authorizations;
  }

  /** The text of the last user message of a request (its text part when the content is a list of parts). */
  public static String promptText(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode content = messages.get(messages.size() - 1).path("content");
    if (content.isTextual()) {
      return content.asText(); // the wire form of a message that is one text part
    }
    for (JsonNode part : content) {
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
