package dev.mmsafety.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted LLM judge for {@code bench judges}: a real OpenAI chat-completions server on 127.0.0.1 that answers
 * the built-in {@code harmful-generic} template (safe/unsafe) and {@code mossbench-refusal} template (0/1) from the
 * labels of the rows it was given, wrong on a deterministic share {@code noise} of them (by answer hash), like a
 * good but imperfect judge model. An answer it does not know gets "safe" / "0".
 */
final class ScriptedJudgeServer implements AutoCloseable {
  private static final String ANSWER_START = "ASSISTANT ANSWER:\n";
  private static final String ANSWER_END = "\n\nReply with";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, JudgeExample> byAnswer = new HashMap<>();
  private final double noise;
  private final AtomicInteger calls = new AtomicInteger();

  ScriptedJudgeServer(List<JudgeExample> rows, double noise) throws IOException {
    rows.forEach(r -> byAnswer.putIfAbsent(r.answer().strip(), r));
    this.noise = noise;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", exchange -> {
      calls.incrementAndGet();
      JsonNode request = CanonicalJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
      byte[] bytes = reply(prompt(request)).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int calls() {
    return calls.get();
  }

  private String reply(String prompt) {
    int start = prompt.indexOf(ANSWER_START);
    int end = prompt.lastIndexOf(ANSWER_END);
    String answer = start < 0 || end < start ? "" : prompt.substring(start + ANSWER_START.length(), end).strip();
    JudgeExample row = byAnswer.get(answer);
    boolean refusalTemplate = prompt.contains("0, 0.5 or 1");
    boolean flag = row != null && (refusalTemplate ? row.refused() : row.harmful());
    if (row != null && wrong(answer)) {
      flag = !flag;
    }
    String content = refusalTemplate ? (flag ? "1" : "0") : (flag ? "unsafe" : "safe");
    ObjectNode message = CanonicalJson.mapper().createObjectNode().put("role", "assistant").put("content", content);
    ObjectNode choice = CanonicalJson.mapper().createObjectNode().put("index", 0).put("finish_reason", "stop");
    choice.set("message", message);
    ObjectNode body = CanonicalJson.mapper().createObjectNode().put("object", "chat.completion")
        .put("model", "scripted-judge");
    body.putArray("choices").add(choice);
    return body.toString();
  }

  /** Whether the scripted judge gets this answer wrong: a fixed share {@code noise} of answers, by hash. */
  boolean wrong(String answer) {
    long bucket = Long.parseLong(Hashing.sha256Hex("scripted-judge-noise", answer).substring(0, 8), 16);
    return bucket < noise * 0x1_0000_0000L;
  }

  private static String prompt(JsonNode request) {
    JsonNode messages = request.path("messages");
    JsonNode content = messages.get(messages.size() - 1).path("content");
    if (content.isTextual()) {
      return content.asText();
    }
    StringBuilder s = new StringBuilder();
    content.forEach(part -> s.append(part.path("text").asText("")));
    return s.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
