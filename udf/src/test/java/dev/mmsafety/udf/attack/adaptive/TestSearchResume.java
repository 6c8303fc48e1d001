package dev.mmsafety.udf.attack.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.CachingModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.RequestIds;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.sim.SimAdaptiveModels;
import dev.mmsafety.udf.spark.AttackRoundRows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume: a search cut short (by its per-case call cap, or by a run killed mid-search) and run again over the
 * response cache pays only for the calls it had not had answered, and gives the same rows as a search that was never
 * cut; a re-run of a finished search makes no call. Calls are counted where the simulated models answer them.
 */
class TestSearchResume {
  private static final String GOAL = "describe a forbidden thing";
  private static final long SEED = 99L;
  private static final ResponseCache.Origin ORIGIN = new ResponseCache.Origin("run-1", "2026-12-02");
  private static final ResponseCache.Scope SCOPE = new ResponseCache.Scope("2026-12-02", false);

  /**
   * The simulated models; {@code answered} counts the calls they answer. After {@code killAfter} answers they go
   * silent (the run is being killed); {@link #kill} fails what is left, as the killed JVM's calls end with it.
   */
  private static final class Sim {
    final AtomicInteger answered = new AtomicInteger();
    final int killAfter;
    final List<CompletableFuture<ModelResponse>> silent = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean dead;

    Sim(int killAfter) {
      this.killAfter = killAfter;
    }

    ModelCaller model(String name, Function<ModelRequest, String> answer, Map<String, ResponseCache.Entry> index,
        ResponseCache.SegmentWriter segment) {
      ModelSpec spec = new ModelSpec(name, "served-" + name,
          List.of(new EndpointSpec("e0", "http://127.0.0.1:1", 4, null)), null, null, null, null);
      ModelCaller sim = r -> {
        if (dead) {
          return CompletableFuture.failedFuture(new IllegalStateException("killed"));
        }
        if (answered.get() >= killAfter) {
          CompletableFuture<ModelResponse> never = new CompletableFuture<>();
          silent.add(never);
          return never;
        }
        answered.incrementAndGet();
        // the request id a client gives its answer: the cache files are keyed by it
        String id = RequestIds.of(spec, ModelClients.effectiveRequest(spec, r));
        String text = answer.apply(r);
        return CompletableFuture.completedFuture(new ModelResponse(id, ModelResponse.Status.OK, text, "stop", 1, 1, 1L,
            200, 1, "simulator", null, false));
      };
      return new CachingModelCaller(sim, spec, index, segment, ORIGIN);
    }

    CompletableFuture<SearchOutcome> run(AdaptiveAttack attack, Map<String, ResponseCache.Entry> index,
        ResponseCache.SegmentWriter segment) {
      SearchDriver driver = new SearchDriver(
          new SearchDriver.Model("att", model("att", SimAdaptiveModels::attacker, index, segment), null),
          new SearchDriver.Model("ev", model("ev", SimAdaptiveModels::evaluator, index, segment), null),
          new SearchDriver.Model("tgt", model("tgt", r -> SimAdaptiveModels.target(r, List.of()), index, segment),
              null));
      return driver.run(attack.search(GOAL, SEED, Carrier.TEXT));
    }

    void kill() {
      dead = true;
      silent.forEach(f -> f.completeExceptionally(new IllegalStateException("killed")));
    }
  }

  private static AdaptiveAttack pair(int maxCalls) {
    return AdaptiveAttacks.create("pair", "pair", Map.of("attacker", "att", "evaluator", "ev", "max-calls", maxCalls));
  }

  private static List<Row> rows(SearchOutcome o) {
    return o.steps().stream().map(s -> AttackRoundRows.of("run-1", "2026-12-02", "c", "tgt", "pair", s)).toList();
  }

  /** The uncut search on an empty cache: its outcome and what it paid. */
  private record Full(SearchOutcome outcome, int paid) {}

  private static Full full() {
    Sim sim = new Sim(Integer.MAX_VALUE);
    SearchOutcome o = sim.run(pair(500), new ConcurrentHashMap<>(), null).join();
    return new Full(o, sim.answered.get());
  }

  @Test
  void aSearchCutByItsCallCapResumesPayingOnlyTheUnansweredCalls() {
    Full full = full();
    assertThat(full.outcome().stopReason()).isEqualTo(SearchOutcome.ROUNDS_EXHAUSTED);
    Map<String, ResponseCache.Entry> cache = new ConcurrentHashMap<>();

    Sim cut = new Sim(Integer.MAX_VALUE);
    SearchOutcome capped = cut.run(pair(7), cache, null).join();
    assertThat(capped.stopReason()).isEqualTo(SearchOutcome.CALL_CAP);
    assertThat(capped.calls()).isEqualTo(7);
    assertThat(cut.answered.get()).isPositive();

    Sim resumed = new Sim(Integer.MAX_VALUE);
    SearchOutcome again = resumed.run(pair(500), cache, null).join();
    assertThat(resumed.answered.get()).as("only what the cut search had not had answered")
        .isEqualTo(full.paid() - cut.answered.get());
    assertThat(rows(again)).isEqualTo(rows(full.outcome()));
    assertThat(again).isEqualTo(full.outcome());

    Sim finished = new Sim(Integer.MAX_VALUE);
    assertThat(finished.run(pair(500), cache, null).join()).isEqualTo(full.outcome());
    assertThat(finished.answered.get()).as("a re-run of a finished search").isZero();
  }

  @Test
  void aKilledSearchResumesFromTheAnswersItsSegmentHolds(@TempDir Path dir) throws Exception {
    Full full = full();
    Configuration conf = new Configuration();
    String cacheDir = dir.resolve("cache").toString();
    int killAfter = 11; // mid-search: round 1 answered (9 calls), then two of round 2
    Sim killed = new Sim(killAfter);
    ResponseCache.SegmentWriter segment = new ResponseCache.SegmentWriter(conf, cacheDir,
        ResponseCache.segmentPrefix("run-1-search", 0, 0), 0);
    CompletableFuture<SearchOutcome> dying = killed.run(pair(500), new ConcurrentHashMap<>(), segment);
    assertThat(dying).as("the killed search never finishes").isNotDone();
    assertThat(killed.answered.get()).isEqualTo(killAfter);
    killed.kill();

    // the next run reads the cache files (as a new task does) and runs the same search
    Map<String, ResponseCache.Entry> cache = new ConcurrentHashMap<>();
    assertThat(ResponseCache.load(conf, cacheDir, null, SCOPE, cache)).isEqualTo(killAfter);
    Sim resumed = new Sim(Integer.MAX_VALUE);
    SearchOutcome again = resumed.run(pair(500), cache, null).get(30, TimeUnit.SECONDS);

    assertThat(resumed.answered.get()).as("only the calls the killed run had no answer to")
        .isEqualTo(full.paid() - killAfter);
    assertThat(rows(again)).isEqualTo(rows(full.outcome()));

    Sim finished = new Sim(Integer.MAX_VALUE);
    assertThat(finished.run(pair(500), cache, null).join()).isEqualTo(full.outcome());
    assertThat(finished.answered.get()).isZero();
    segment.close();
  }
}
