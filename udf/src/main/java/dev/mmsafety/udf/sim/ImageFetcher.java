package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.http.DeadlineBodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fetches the images a request gives by http(s) URL, as a model server that reads them itself does (vLLM with
 * media URL fetching): at most {@value #MAX_BYTES} bytes each, within {@value #TIMEOUT_MS} ms each (vLLM's
 * {@code VLLM_IMAGE_FETCH_TIMEOUT} default), redirects followed; a non-200 answer or an empty body is a failure.
 * The profiles read the fetched bytes as they read a data URL's, so every transport gets the same answer.
 */
final class ImageFetcher {
  static final long MAX_BYTES = 64L << 20;
  static final long TIMEOUT_MS = 5_000;

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

  /** The bytes by URL when every URL gave a non-empty 200; fails with the first reason otherwise. */
  CompletableFuture<Map<String, byte[]>> fetchAll(List<String> urls) {
    Map<String, CompletableFuture<byte[]>> all = new LinkedHashMap<>();
    for (String url : urls) {
      all.computeIfAbsent(url, this::fetch);
    }
    return CompletableFuture.allOf(all.values().toArray(new CompletableFuture<?>[0])).thenApply(done -> {
      Map<String, byte[]> out = new LinkedHashMap<>();
      all.forEach((url, bytes) -> out.put(url, bytes.join()));
      return out;
    });
  }

  private CompletableFuture<byte[]> fetch(String url) {
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(TIMEOUT_MS)).GET().build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("not a URL"));
    }
    return http.sendAsync(request, DeadlineBodyHandler.startingNow(TIMEOUT_MS, MAX_BYTES)).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new IllegalArgumentException("HTTP " + r.statusCode());
      }
      if (r.body().length == 0) {
        throw new IllegalArgumentException("empty body");
      }
      return r.body();
    });
  }

  static String reason(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
