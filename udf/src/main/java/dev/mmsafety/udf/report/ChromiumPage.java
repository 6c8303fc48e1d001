package dev.mmsafety.udf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmsafety.udf.common.CanonicalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of headless Chromium driven over the DevTools protocol with the JDK's WebSocket client: open a URL,
 * navigate, evaluate expressions and wait for conditions inside the page (the page polls, the caller never
 * sleeps), take a screenshot. Used by the report's browser test and by {@code bench report}.
 */
public final class ChromiumPage implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private ChromiumPage(Process process, String pageSocket) throws Exception {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(pageSocket), new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** Starts Chromium on {@code url} with a fresh profile under {@code dir}; its log goes to dir/chromium.log. */
  public static ChromiumPage open(Path exe, Path dir, String url) throws Exception {
    Process p = new ProcessBuilder(HeadlessChromium.command(exe, dir.resolve("profile"),
            List.of("--remote-debugging-port=0", "--window-size=1400,1800", url)))
        .redirectOutput(dir.resolve("chromium.out").toFile())
        .start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread drain = new Thread(() -> drain(p, dir.resolve("chromium.log"), port), "chromium-stderr");
    drain.setDaemon(true);
    drain.start();
    try {
      int devtools = port.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return new ChromiumPage(p, pageSocket(devtools));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("Cannot start Chromium with DevTools (log " + dir.resolve("chromium.log")
          + "): " + e, e);
    }
  }

  /** The expression's value (returned by value; promises awaited). An exception in the page fails the call. */
  public JsonNode eval(String expression) throws Exception {
    ObjectNode params = CanonicalJson.mapper().createObjectNode()
        .put("expression", expression).put("returnByValue", true).put("awaitPromise", true);
    JsonNode reply = call("Runtime.evaluate", params);
    if (reply.has("exceptionDetails")) {
      throw new IllegalStateException("Cannot evaluate in the page: it threw "
          + reply.path("exceptionDetails").path("exception").path("description").asText(reply.toString()));
    }
    return reply.path("result").path("value");
  }

  public long evalLong(String expression) throws Exception {
    return eval(expression).asLong();
  }

  public String evalString(String expression) throws Exception {
    return eval(expression).asText();
  }

  /** Waits inside the page until {@code condition} is truthy; fails with {@code what} after 120 s. */
  public void waitFor(String condition, String what) throws Exception {
    // A navigation that commits while the poll runs destroys its context: poll again in the new document.
    for (int attempt = 1; ; attempt++) {
      try {
        poll(condition, what);
        return;
      } catch (IllegalStateException e) {
        if (attempt >= 5 || e.getMessage() == null || !e.getMessage().contains("Execution context was destroyed")) {
          throw e;
        }
      }
    }
  }

  private void poll(String condition, String what) throws Exception {
    eval("new Promise((ok, fail) => { const end = Date.now() + 120000; (function poll() { let v = false;"
        + " try { v = (" + condition + "); } catch (e) {} if (v) ok(true); else if (Date.now() > end)"
        + " fail(new Error('timed out waiting for " + what.replace("'", "") + "')); else setTimeout(poll, 20);"
        + " })(); })");
  }

  /** Loads {@code url} in this page (the browser is already running: no start-up in what follows). */
  public void navigate(String url) throws Exception {
    call("Page.navigate", CanonicalJson.mapper().createObjectNode().put("url", url));
  }

  /** A PNG screenshot of the viewport. */
  public byte[] screenshot() throws Exception {
    JsonNode reply = call("Page.captureScreenshot", CanonicalJson.mapper().createObjectNode().put("format", "png"));
    return java.util.Base64.getDecoder().decode(reply.path("data").asText());
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    ObjectNode message = CanonicalJson.mapper().createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(CanonicalJson.mapper().writeValueAsString(message), true).get(TIMEOUT.toSeconds(),
        TimeUnit.SECONDS);
    JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (answer.has("error")) {
      throw new IllegalStateException("Cannot call DevTools " + method + ": " + answer.get("error"));
    }
    return answer.path("result");
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The browser goes anyway.
    }
    // Renderer and zygote children write to the profile until they exit: wait for them all, so the caller can
    // delete the profile folder.
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    process.destroy();
    for (ProcessHandle h : all) {
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        h.destroyForcibly();
        h.onExit().get(5, TimeUnit.SECONDS);
      }
    }
  }

  private static void drain(Process p, Path log, CompletableFuture<Integer> port) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
      port.completeExceptionally(new IOException("Chromium exited without a DevTools port"));
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
  }

  private static String pageSocket(int port) throws Exception {
    HttpResponse<String> list = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : CanonicalJson.mapper().readTree(list.body())) {
      if ("page".equals(target.path("type").asText())) {
        return target.path("webSocketDebuggerUrl").asText();
      }
    }
    throw new IOException("no page target in " + list.body());
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = CanonicalJson.mapper().readTree(text.toString());
          CompletableFuture<JsonNode> reply = message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (reply != null) {
            reply.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
