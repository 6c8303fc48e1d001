package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.http.EndpointConcurrency;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.OpenAiModelCaller;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adaptive concurrency against simulators whose capacity the client is not told ({@code bench adaptive}): for each
 * capacity C, {@code jvms} independent clients (each as one executor JVM would hold it: its own controller with its
 * share of the cap) keep {@code window} requests each waiting for their endpoint's limit, for {@code seconds}; a
 * storm of 429s runs from {@code stormAt} for {@code stormSeconds}. Prints, every second, the limit(s), what the
 * server had in flight and the answers of that second, then: when the rate first reached 95% of C/T (over a
 * sliding 3 s), the rate from 30 s to the storm, the lowest limit in the storm and how long recovery took.
 * The clients are {@link OpenAiModelCaller}s, as in the pipeline, without Spark around them.
 *
 * @param maxConcurrency the endpoint's cap; null = none given (the default cap)
 */
public record AdaptiveBench(
    List<Integer> capacities,
    long serviceMs,
    long jitterMs,
    int jvms,
    int window,
    int seconds,
    int stormAt,
    int stormSeconds,
    Integer maxConcurrency) {
  private static final int SMOOTH_SECONDS = 3;

  public AdaptiveBench {
    if (capacities.isEmpty() || capacities.stream().anyMatch(c -> c <= 0) || serviceMs <= 0 || jvms <= 0
        || window <= 0 || seconds <= 0 || stormSeconds < 0) {
      throw new ConfigException("Cannot run bench adaptive: capacities, times, --jvms and --window must be positive");
    }
    capacities = List.copyOf(capacities);
  }

  /** What one capacity came to. */
  record Figures(int capacity, double limitRate, int reachedAt, double steadyRatio, int stormMinLimit,
      double stormRequestsPerSecond, int recoveredAfter, int maxLimit, int cap, int jvms, int maxServerInFlight) {}

  public List<Figures> run(PrintWriter out) throws InterruptedException {
    List<Figures> all = new ArrayList<>();
    for (int capacity : capacities) {
      all.add(runOne(capacity, out));
    }
    out.println();
    out.println("summary (ratio = answers/s over C/T; reached = first second whose 3 s rate is >= 0.95 C/T):");
    for (Figures f : all) {
      out.printf(Locale.ROOT, "  C=%d: limit %.0f req/s, reached at %s, steady ratio (30 s to storm) %.3f; storm:"
              + " lowest limit %d, %.1f requests/s reached the server, recovered %s after it; highest limit %d"
              + " (cap %s); most requests the server held at once %d%n", f.capacity(), f.limitRate(),
          f.reachedAt() < 0 ? "never" : f.reachedAt() + " s", f.steadyRatio(), f.stormMinLimit(),
          f.stormRequestsPerSecond(), f.recoveredAfter() < 0 ? "never" : f.recoveredAfter() + " s", f.maxLimit(),
          f.jvms() == 1 ? Integer.toString(f.cap()) : f.cap() * f.jvms() + " = " + f.jvms() + " JVMs x " + f.cap(),
          f.maxServerInFlight());
    }
    out.flush();
    return all;
  }

  private Figures runOne(int capacity, PrintWriter out) throws InterruptedException {
    SimulatorSpec simSpec = new SimulatorSpec(capacity, serviceMs, jitterMs, null, null, null, null, null);
    double limitRate = capacity * 1000.0 / (serviceMs + jitterMs / 2.0);
    try (SimulatedWorker sim = SimulatedWorker.start(simSpec)) {
      EndpointSpec endpoint = new EndpointSpec("sim", sim.baseUrl(), maxConcurrency, true);
      ModelSpec model = new ModelSpec("bench-adaptive", null, List.of(endpoint), null, null, null,
          new GenerationSpec(0.0, null, 16, null, null));
      List<OpenAiModelCaller> clients = new ArrayList<>();
      for (int j = 0; j < jvms; j++) {
        clients.add((OpenAiModelCaller) ModelClients.create(model, InferenceSpec.DEFAULT, null, jvms));
      }
      int cap = capOf(clients.get(0));
      out.printf(Locale.ROOT, "%nC=%d, T=%d ms (+0-%d ms), limit C/T %.0f req/s; %d client JVM(s), cap per JVM %d,"
          + " window %d per JVM; 429 storm from %d s for %d s%n", capacity, serviceMs, jitterMs, limitRate, jvms,
          cap, window, stormAt, stormSeconds);
      out.println("   t  limit(s)         server in flight  answered/s  ratio");
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong seq = new AtomicLong();
      List<CompletableFuture<Void>> loops = new ArrayList<>();
      for (OpenAiModelCaller client : clients) {
        for (int w = 0; w < window; w++) {
          loops.add(loop(client, seq, stop));
        }
      }
      double[] rates = new double[seconds];
      int[] limits = new int[seconds];
      int maxServerInFlight = 0;
      long before = sim.counters().status(200);
      long stormCalls = 0;
      long start = System.nanoTime();
      for (int t = 0; t < seconds; t++) {
        if (t == stormAt && stormSeconds > 0) {
          stormCalls = -sim.counters().calls();
          sim.startStorm(1);
        }
        if (t == stormAt + stormSeconds && stormSeconds > 0) {
          sim.endStorm();
          stormCalls += sim.counters().calls();
        }
        long wake = start + (t + 1) * 1_000_000_000L;
        Thread.sleep(Math.max(0, (wake - System.nanoTime()) / 1_000_000));
        long now = sim.counters().status(200);
        rates[t] = now - before;
        before = now;
        List<Integer> perJvm = clients.stream().map(c -> c.concurrency().get("sim").limit()).toList();
        limits[t] = perJvm.stream().mapToInt(Integer::intValue).sum();
        int inFlight = sim.inFlightNow(); // one reading: the printed figure is the one the summary keeps
        maxServerInFlight = Math.max(maxServerInFlight, inFlight);
        out.printf(Locale.ROOT, "%4d  %-16s %16d  %10.0f  %5.2f%n", t + 1,
            perJvm.size() == 1 ? perJvm.get(0).toString() : limits[t] + " " + perJvm, inFlight, rates[t],
            rates[t] / limitRate);
        out.flush();
      }
      stop.set(true);
      sim.endStorm();
      CompletableFuture.allOf(loops.toArray(new CompletableFuture<?>[0])).orTimeout(120, TimeUnit.SECONDS)
          .exceptionally(e -> null).join();
      // one JVM: the highest limit any window set; several: the highest sum of their limits seen in a second
      int maxLimit = jvms > 1 ? Arrays.stream(limits).max().orElse(0)
          : clients.get(0).concurrency().get("sim").history().stream()
              .mapToInt(dev.mmsafety.udf.http.AdaptiveConcurrency.Change::limit).max().orElse(0);
      return figures(capacity, limitRate, rates, limits, stormCalls, maxLimit, cap, maxServerInFlight);
    }
  }

  private Figures figures(
      int capacity, double limitRate, double[] rates, int[] limits, long stormCalls, int maxLimit, int cap,
      int maxServerInFlight) {
    int reached = -1;
    for (int t = SMOOTH_SECONDS - 1; t < rates.length && reached < 0; t++) {
      if (smoothed(rates, t) >= 0.95 * limitRate) {
        reached = t + 1;
      }
    }
    int steadyEnd = stormSeconds > 0 ? Math.min(stormAt, rates.length) : rates.length;
    double sum = 0;
    int n = 0;
    for (int t = 30; t < steadyEnd; t++) {
      sum += rates[t];
      n++;
    }
    int stormMin = Integer.MAX_VALUE;
    for (int t = stormAt; t < Math.min(rates.length, stormAt + stormSeconds); t++) {
      stormMin = Math.min(stormMin, limits[t]);
    }
    int recovered = -1;
    for (int t = stormAt + stormSeconds + SMOOTH_SECONDS - 1; stormSeconds > 0 && t < rates.length; t++) {
      if (smoothed(rates, t) >= 0.95 * limitRate) {
        recovered = t + 1 - (stormAt + stormSeconds);
        break;
      }
    }
    return new Figures(capacity, limitRate, reached, n == 0 ? 0 : sum / n / limitRate,
        stormMin == Integer.MAX_VALUE ? -1 : stormMin, stormSeconds == 0 ? 0 : stormCalls / (double) stormSeconds,
        recovered, maxLimit, cap, jvms, maxServerInFlight);
  }

  private static double smoothed(double[] rates, int t) {
    double sum = 0;
    for (int i = t - SMOOTH_SECONDS + 1; i <= t; i++) {
      sum += rates[i];
    }
    return sum / SMOOTH_SECONDS;
  }

  private static int capOf(OpenAiModelCaller client) {
    EndpointConcurrency c = client.concurrency().get("sim");
    return c.isAdaptive() ? c.cap() : c.limit();
  }

  /** One row's worth of demand: call, and on the answer call again, until stopped. */
  private static CompletableFuture<Void> loop(OpenAiModelCaller client, AtomicLong seq, AtomicBoolean stop) {
    if (stop.get()) {
      return CompletableFuture.completedFuture(null);
    }
    ModelRequest request = new ModelRequest(client.spec().name(),
        List.of(ChatMessage.user(List.of(ContentPart.text("adaptive bench request " + seq.incrementAndGet())))),
        null);
    return client.call(request).thenCompose(r -> r.ok() ? loop(client, seq, stop)
        // a failed call (e.g. the breaker open in the storm) may fail at once: do not spin on it
        : CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
            .thenCompose(ignored -> loop(client, seq, stop)));
  }
}
