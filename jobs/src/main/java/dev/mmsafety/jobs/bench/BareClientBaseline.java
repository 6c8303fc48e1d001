package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimulatorCounters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machine's own ceiling for a benchmark: a bare JDK {@link HttpClient} sending ready-made bodies (no Spark, no
 * body building, no cache, no retries) to the same simulator from the same JVM, with a fixed number of requests in
 * flight. When the pipeline's figure is close to this one, what is left is the cost of moving the bytes on this
 * machine, not the pipeline's.
 */
final class BareClientBaseline {
  /** What the bare client achieved. */
  record Result(long answered, double serverSpanRate, double wallRate) {}

  private BareClientBaseline() {}

  /**
   * Sends {@code requests} requests, cycling through {@code bodies}, keeping {@code inFlight} outstanding.
   * Resets the simulator's counters first, so its span covers only these requests.
   */
  static Result run(SimulatedWorker sim, List<byte[]> bodies, int requests, int inFlight) {
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    URI uri = URI.create(sim.baseUrl() + "/chat/completions");
    AtomicInteger next = new AtomicInteger();
    AtomicInteger ok = new AtomicInteger();
    sim.resetCounters();
    long start = System.nanoTime();
    CompletableFuture<?>[] chains = new CompletableFuture<?>[Math.min(inFlight, requests)];
    for (int c = 0; c < chains.length; c++) {
      chains[c] = chain(http, uri, bodies, requests, next, ok);
    }
    CompletableFuture.allOf(chains).join();
    double wall = (System.nanoTime() - start) / 1e9;
    SimulatorCounters counters = sim.counters();
    return new Result(ok.get(), counters.answeredPerSecond(), ok.get() / wall);
  }

  /** One closed loop: send, and on the answer send the next until all requests are taken. */
  private static CompletableFuture<Void> chain(
      HttpClient http, URI uri, List<byte[]> bodies, int requests, AtomicInteger next, AtomicInteger ok) {
    int i = next.getAndIncrement();
    if (i >= requests) {
      return CompletableFuture.completedFuture(null);
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .header(SimulatedWorker.REQUEST_ID_HEADER, "baseline-" + i)
        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i % bodies.size())))
        .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (response != null && response.statusCode() == 200) {
            ok.incrementAndGet();
          }
          return null;
        })
        .thenCompose(ignored -> chain(http, uri, bodies, requests, next, ok));
  }
}
