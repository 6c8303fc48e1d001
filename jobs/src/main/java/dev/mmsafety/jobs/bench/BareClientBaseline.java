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
  record Result(long answered, long failed, String firstFailure, double serverSpanRate, double wallRate) {}

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
    // warm-up: open the connections and compile the send path, unmeasured
    send(http, uri, bodies, Math.min(requests, 2 * inFlight), inFlight, new AtomicInteger(), new Failures());
    AtomicInteger ok = new AtomicInteger();
    Failures failures = new Failures();
    sim.resetCounters();
    long start = System.nanoTime();
    send(http, uri, bodies, requests, inFlight, ok, failures);
    double wall = (System.nanoTime() - start) / 1e9;
    SimulatorCounters counters = sim.counters();
    return new Result(ok.get(), failures.count.get(), failures.first, counters.answeredPerSecond(), ok.get() / wall);
  }

  private static final class Failures {
    final AtomicInteger count = new AtomicInteger();
    volatile String first;

    void add(String why) {
      if (count.incrementAndGet() == 1) {
        first = why;
      }
    }
  }

  private static void send(HttpClient http, URI uri, List<byte[]> bodies, int requests, int inFlight,
      AtomicInteger ok, Failures failures) {
    AtomicInteger next = new AtomicInteger();
    CompletableFuture<?>[] chains = new CompletableFuture<?>[Math.min(inFlight, requests)];
    for (int c = 0; c < chains.length; c++) {
      chains[c] = chain(http, uri, bodies, requests, next, ok, failures);
    }
    CompletableFuture.allOf(chains).join();
  }

  /** One closed loop: send, and on the answer send the next until all requests are taken. */
  private static CompletableFuture<Void> chain(HttpClient http, URI uri, List<byte[]> bodies, int requests,
      AtomicInteger next, AtomicInteger ok, Failures failures) {
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
          } else {
            failures.add(response != null ? "HTTP " + response.statusCode() : String.valueOf(error));
          }
          return null;
        })
        .thenCompose(ignored -> chain(http, uri, bodies, requests, next, ok, failures));
  }
}
