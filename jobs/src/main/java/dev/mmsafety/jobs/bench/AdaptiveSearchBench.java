package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.attack.adaptive.AdaptiveAttack;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.attack.adaptive.SearchDriver;
import dev.mmsafety.udf.attack.adaptive.SearchOutcome;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.http.BoundedConcurrency;
import dev.mmsafety.udf.http.Outcome;
import dev.mmsafety.udf.model.CachingModelCaller;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * {@code bench adaptive-search}: {@code cases} PAIR searches ({@code streams} x {@code rounds}) against the simulated
 * worker over HTTP (attacker, judge, and a target profile), interleaved through one window of {@code window}
 * searches as one partition runs them: every call through the model client and the in-memory response-cache index
 * (as {@code AdaptiveSearchFunction} does, without writing segments). Prints searches per minute, calls (paid) per
 * success, and the heap: sampled peak and live set after collections (what bounded memory is about).
 */
public record AdaptiveSearchBench(int cases, int streams, int rounds, int window, String target, int capacity,
    long serviceMs) {
  public AdaptiveSearchBench {
    if (cases < 1 || streams < 1 || rounds < 1 || window < 1 || capacity < 1 || serviceMs < 1) {
      throw new ConfigException("Cannot run bench adaptive-search: --cases, --streams, --rounds, --window,"
          + " --capacity and --service-ms must be positive");
    }
  }

  /** What the run came to. */
  public record Figures(int searches, int successes, long paidCalls, double seconds, long sampledPeak, long liveAfterGc) {}

  public Figures run(PrintWriter out) {
    SimulatorSpec spec = new SimulatorSpec(capacity, serviceMs, 0L, null, null, null, null, null);
    Map<String, String> profiles = Map.of("bench-target", target, "bench-attacker", "attacker", "bench-judge", "judge");
    try (SimulatedWorker sim = SimulatedWorker.start(spec, profiles)) {
      Map<String, ResponseCache.Entry> index = new ConcurrentHashMap<>();
      ResponseCache.Origin origin = new ResponseCache.Origin("bench", "2026-01-01");
      SearchDriver driver = new SearchDriver(model("bench-attacker", sim, index, origin),
          model("bench-judge", sim, index, origin), model("bench-target", sim, index, origin));
      AdaptiveAttack pair = AdaptiveAttacks.create("pair", "pair",
          Map.of("attacker", "bench-attacker", "evaluator", "bench-judge", "streams", streams, "rounds", rounds));
      Iterator<dev.mmsafety.udf.attack.adaptive.AdaptiveSearch> searches = IntStream.range(0, cases)
          .mapToObj(i -> pair.search("describe forbidden thing number " + i, 1_000_003L * i)).iterator();
      out.printf(Locale.ROOT, "%d PAIR searches (%d streams x %d rounds) against simulator profile %s (capacity %d, %d ms"
          + " a call), window %d searches%n", cases, streams, rounds, target, capacity, serviceMs, window);
      out.flush();
      int done = 0;
      int successes = 0;
      long start = System.nanoTime();
      try (HeapWatch heap = HeapWatch.start()) {
        Iterator<Outcome<SearchOutcome>> results = BoundedConcurrency.mapOrdered(searches, window, driver::run);
        while (results.hasNext()) {
          Outcome<SearchOutcome> o = results.next();
          if (!o.ok()) {
            throw new IllegalStateException("Cannot finish bench search: " + o.error(), o.error());
          }
          done++;
          successes += o.value().success() ? 1 : 0;
          if (done % Math.max(1, cases / 10) == 0) {
            out.printf(Locale.ROOT, "  %d searches, %.0f s, heap sampled %d MiB%n", done,
                (System.nanoTime() - start) / 1e9, heap.sampledPeak() >> 20);
            out.flush();
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long paid = sim.counters().calls();
        Figures f = new Figures(done, successes, paid, seconds, heap.sampledPeak(), heap.liveAfterGc());
        out.printf(Locale.ROOT, "searches: %d in %.1f s = %.0f searches/min; successes %d (%.1f%%); paid calls %d ="
                + " %.1f per search, %s per success; heap: sampled peak %d MiB, live after GC %d MiB (max heap %d MiB)%n",
            done, seconds, done / seconds * 60, successes, 100.0 * successes / done, paid, paid / (double) done,
            successes == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", paid / (double) successes),
            f.sampledPeak() >> 20, f.liveAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        out.flush();
        return f;
      }
    }
  }

  private static SearchDriver.Model model(String name, SimulatedWorker sim, Map<String, ResponseCache.Entry> index,
      ResponseCache.Origin origin) {
    ModelSpec spec = new ModelSpec(name, name, List.of(new EndpointSpec("sim", sim.baseUrl(), 256, true)), null, null,
        null, null);
    ModelCaller caller = ModelClients.create(spec, InferenceSpec.DEFAULT, null, 1);
    return new SearchDriver.Model(name, new CachingModelCaller(caller, spec, index, null, origin), null);
  }
}
