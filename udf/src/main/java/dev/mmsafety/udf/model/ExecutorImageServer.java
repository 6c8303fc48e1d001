package dev.mmsafety.udf.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mmsafety.udf.image.ImageCheckException;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.image.ImageSendPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP file server per executor JVM that hands model servers the images of this executor's requests by
 * URL ({@code image-transport: executor-http}): each image gets an unguessable path (128 random bits) that maps to
 * its Hadoop URI, and the bytes are read through the job's {@link ImageLoader} when the server fetches them. The
 * request then carries a short URL whatever the image's size or store (file, hdfs, s3a). An image the model's
 * {@link ImageSendPolicy} would change (resize, conversion) is served as that policy's copy, made on each fetch
 * (the copy is deterministic, and nothing is held in memory between fetches).
 *
 * <p>Bound to loopback unless {@value #HOST_ENV} says otherwise: {@code auto} (the address this host's name
 * resolves to) or an address the model servers can reach. Anyone who can reach the port and knows a path can
 * read that image, which is why paths are random and the default is loopback.
 */
public final class ExecutorImageServer implements AutoCloseable {
  public static final String HOST_ENV = "MMSAFETY_IMAGE_SERVER_HOST";
  static final String PREFIX = "/mmsafety-images/";
  private static final int MAX_PATHS = 200_000;
  private static volatile ExecutorImageServer shared;

  private final HttpServer server;
  private final ExecutorService pool;
  private final String base;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, String> tokenByUri = new LinkedHashMap<>(1024, 0.75f, true);
  private final Map<String, Entry> byToken = new java.util.HashMap<>();
  private final AtomicLong served = new AtomicLong();

  /** policy null: the stored bytes; else the copy the policy sends. */
  private record Entry(String uri, ImageLoader loader, ImageSendPolicy policy) {}

  private ExecutorImageServer(InetAddress address) throws IOException {
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "mmsafety-image-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(new InetSocketAddress(address, 0), 256);
    server.setExecutor(pool);
    server.createContext(PREFIX, this::handle);
    server.start();
    String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]"
        : address.getHostAddress();
    this.base = "http://" + host + ":" + server.getAddress().getPort() + PREFIX;
  }

  /** The JVM's server, started on first use on the address {@value #HOST_ENV} names (loopback by default). */
  public static ExecutorImageServer shared() {
    if (shared == null) {
      synchronized (ExecutorImageServer.class) {
        if (shared == null) {
          shared = start(System.getenv(HOST_ENV));
        }
      }
    }
    return shared;
  }

  /** A server on {@code host}: null or empty = loopback, {@code auto} = this host's address, else that address. */
  public static ExecutorImageServer start(String host) {
    try {
      InetAddress address = host == null || host.isBlank() ? InetAddress.getLoopbackAddress()
          : "auto".equals(host) ? InetAddress.getLocalHost() : InetAddress.getByName(host);
      return new ExecutorImageServer(address);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the executor image server on " + host + ": " + e.getMessage(), e);
    }
  }

  /**
   * The URL a model server fetches {@code imageUri} from, as stored (policy null) or as the copy {@code policy}
   * makes (the same URL for the same image and policy while it is kept).
   */
  public String urlFor(String imageUri, ImageLoader loader, ImageSendPolicy policy) {
    String key = policy == null ? imageUri : imageUri + "\n" + policy.cacheKey();
    synchronized (this) {
      String token = tokenByUri.get(key);
      if (token == null) {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        token = HexFormat.of().formatHex(bits);
        tokenByUri.put(key, token);
        byToken.put(token, new Entry(imageUri, loader, policy));
        var eldest = tokenByUri.entrySet().iterator();
        while (tokenByUri.size() > MAX_PATHS && eldest.hasNext()) {
          byToken.remove(eldest.next().getValue());
          eldest.remove();
        }
      }
      return base + token;
    }
  }

  /** Images sent so far. */
  public long served() {
    return served.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      String token = exchange.getRequestURI().getPath().substring(PREFIX.length());
      Entry entry;
      synchronized (this) {
        entry = "GET".equals(exchange.getRequestMethod()) ? byToken.get(token) : null;
      }
      if (entry == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes;
      try {
        bytes = entry.loader().load(entry.uri());
        if (entry.policy() != null) {
          bytes = entry.policy().prepare(bytes).bytes();
        }
      } catch (IOException | ImageCheckException e) {
        exchange.sendResponseHeaders(502, -1); // the image could not be read; its URI stays private
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", ImageDataUrls.sniffMime(bytes));
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
      served.incrementAndGet();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
