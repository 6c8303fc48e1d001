package dev.mmsafety.udf.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat-completions server on a raw loopback socket that misbehaves the way real servers and proxies do, where
 * {@code com.sun.net.httpserver} gives no control: it stalls in the middle of a body, drops keep-alive connections
 * without saying so, or answers 503 with Retry-After for a while.
 */
public final class MisbehavingServer implements AutoCloseable {
  /** What the server does. */
  public enum Mode {
    /** Answers the first {@code n} requests, then sends "200", half a body and nothing more. */
    STALL_AFTER,
    /** Closes each connection after answering {@code n} requests on it, without a "Connection: close". */
    CLOSE_AFTER,
    /** Answers 503 with "Retry-After: 1" for {@code n} ms after the first request, then answers. */
    UNAVAILABLE_FOR_MS
  }

  private static final String ANSWER =
      "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}";

  private final Mode mode;
  private final long n;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "misbehaving-server");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger unavailableAnswers = new AtomicInteger();
  private final AtomicLong firstRequestAt = new AtomicLong();

  public MisbehavingServer(Mode mode, long n) throws IOException {
    this.mode = mode;
    this.n = n;
    this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    pool.execute(this::accept);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  /** Requests received (every attempt). */
  public int requests() {
    return requests.get();
  }

  public int connections() {
    return connections.get();
  }

  /** 503s sent while unavailable. */
  public int unavailableAnswers() {
    return unavailableAnswers.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        connections.incrementAndGet();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      int onThisConnection = 0;
      while (readRequest(in)) {
        int number = requests.incrementAndGet();
        firstRequestAt.compareAndSet(0, System.currentTimeMillis());
        onThisConnection++;
        switch (mode) {
          case STALL_AFTER -> {
            if (number > n) {
              byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
              out.write(head(200, body.length, "").getBytes(StandardCharsets.US_ASCII));
              out.write(body, 0, body.length / 2);
              out.flush();
              Thread.sleep(Long.MAX_VALUE); // until close() interrupts
            }
            answer(out, 200, ANSWER, "");
          }
          case CLOSE_AFTER -> {
            answer(out, 200, ANSWER, "");
            if (onThisConnection >= n) {
              return;
            }
          }
          case UNAVAILABLE_FOR_MS -> {
            if (System.currentTimeMillis() - firstRequestAt.get() < n) {
              unavailableAnswers.incrementAndGet();
              answer(out, 503, "{\"error\":{\"message\":\"overloaded\"}}", "Retry-After: 1\r\n");
            } else {
              answer(out, 200, ANSWER, "");
            }
          }
          default -> throw new IllegalStateException(mode.toString());
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the server is closing
    } finally {
      open.remove(socket);
    }
  }

  /** Reads one request (line, headers, Content-Length body); false at the end of the connection. */
  private static boolean readRequest(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null || line.isEmpty()) {
      return false;
    }
    int length = 0;
    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      }
    }
    return in.readNBytes(length).length == length;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\n') {
        return b.toString().strip();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  private static void answer(OutputStream out, int status, String body, String extraHeaders) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(head(status, bytes.length, extraHeaders).getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  private static String head(int status, int length, String extraHeaders) {
    return "HTTP/1.1 " + status + (status == 200 ? " OK" : " Service Unavailable") + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n" + extraHeaders + "\r\n";
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    pool.shutdownNow();
  }
}
