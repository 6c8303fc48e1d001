package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.http.DeadlineBodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches the images a request gives by http(s) URL, as a model server that reads them itself does (vLLM with
 * media URL fetching): at most {@value #MAX_BYTES} bytes each, within {@value #TIMEOUT_MS} ms each, a non-200
 * answer or an empty body is a failure. The bytes are dropped once counted: answers do not depend on them.
 */
final class ImageFetcher {
  static final long MAX_BYTES = 64L << 20;
  static final long TIMEOUT_MS = 10_000;

  private final HttpClient http;

  ImageFetcher() {
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "sim-image-fetch");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NORMAL).executor(pool).build();
  }

  /** Completes when every URL gave a non-empty 200; fails with the first reason otherwise. */
  CompletableFuture<Void> fetchAll(List<String> urls) {
    CompletableFuture<?>[] all = new CompletableFuture<?>[urls.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = fetch(urls.get(i));
    }
    return CompletableFuture.allOf(all);
  }

  private CompletableFuture<Void> fetch(String url) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(TIMEOUT_MS)).GET().build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("not a URL"));
    }
    return http.sendAsync(request, DeadlineBodyHandler.startingNow(TIMEOUT_MS, MAX_BYTES)).thenAccept(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalArgumentException("HTTP " + r.statusCode());
      }
      if (r.body().length == 0) {
        throw new IllegalArgumentException("empty body");
      }
    });
  }

  static String reason(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
