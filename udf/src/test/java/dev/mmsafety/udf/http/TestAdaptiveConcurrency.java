package dev.mmsafety.udf.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.http.AdaptiveConcurrency.Decision;
import dev.mmsafety.udf.http.AdaptiveConcurrency.Settings;
import dev.mmsafety.udf.http.AdaptiveConcurrency.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller's state machine, driven by a fake clock: a discrete-event model of a server (capacity C, service
 * time T, FIFO queue or 429 beyond capacity) and a client that keeps {@code limit} requests in flight. No wall
 * time, no threads.
 */
class TestAdaptiveConcurrency {
  private static final Settings DEFAULTS = new Settings(8, 1, 1024, 0.5, 0.5);

  /** A server model and a client with unbounded demand (or {@code demand} rows at most in flight). */
  private static final class Model {
    final AdaptiveConcurrency controller;
    int capacity;
    long serviceMs;
    boolean rejectBeyondCapacity;
    boolean storm;
    double randomErrorShare;
    double randomRefusalShare;
    int demand = Integer.MAX_VALUE;
    long now;
    int inFlight;
    int busy;
    long ok;
    long sent;
    int maxLimit;
    final List<long[]> queue = new ArrayList<>(); // {send time, in flight at send} waiting for a slot
    final PriorityQueue<long[]> events = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    // event: {time, sendTime, kind (0 ok, 1 overload, 2 neutral, 3 end of pause), retryAfter, inFlightAtSend}
    private long seq;

    Model(Settings settings, int capacity, long serviceMs) {
      this.controller = new AdaptiveConcurrency(settings, 0);
      this.capacity = capacity;
      this.serviceMs = serviceMs;
    }

    void runUntil(long endMs) {
      fill();
      while (!events.isEmpty() && events.peek()[0] <= endMs) {
        long[] e = events.poll();
        now = e[0];
        if (e[2] == 3) { // the end of a pause
          fill();
          continue;
        }
        if (e[2] == 0 || e[2] == 2) {
          busy--; // a served request leaves its slot
          if (!queue.isEmpty()) {
            start(queue.remove(0));
          }
        }
        Signal signal = e[2] == 0 ? Signal.OK : e[2] == 1 ? Signal.OVERLOAD : Signal.NEUTRAL;
        ok += e[2] == 0 ? 1 : 0;
        controller.onAnswer(now, signal, now - e[1], e[3], inFlight);
        inFlight--;
        maxLimit = Math.max(maxLimit, controller.limit());
        fill();
      }
      now = endMs;
    }

    /** Answers per second between two times (runs the model to {@code to}). */
    double rate(long from, long to) {
      runUntil(from);
      long before = ok;
      runUntil(to);
      return (ok - before) * 1000.0 / (to - from);
    }

    private void fill() {
      while (inFlight < Math.min(demand, controller.limit()) && now >= controller.pausedUntil()) {
        inFlight++;
        sent++;
        send(now);
      }
      if (inFlight == 0 && now < controller.pausedUntil()) {
        events.add(new long[] {controller.pausedUntil(), -1, 3, -1, 0});
      }
    }

    private void send(long at) {
      if (storm) {
        events.add(new long[] {at + 1, at, 1, 1000, inFlight});
      } else if (rejectBeyondCapacity && busy >= capacity) {
        events.add(new long[] {at + 1, at, 1, -1, inFlight});
      } else if (busy < capacity) {
        start(new long[] {at, inFlight});
      } else {
        queue.add(new long[] {at, inFlight});
      }
    }

    private void start(long[] request) {
      busy++;
      long jitter = (seq++ * 7919) % 11; // deterministic 0-10 ms
      double u = ((seq * 104729) % 1000) / 1000.0;
      if (u >= 1 - randomRefusalShare) { // a 503 with Retry-After: 1 that does not depend on load; frees the slot
        busy--;
        events.add(new long[] {now + 1, request[0], 1, 1000, request[1]});
        return;
      }
      events.add(new long[] {now + serviceMs + jitter, request[0], u < randomErrorShare ? 2 : 0, -1, request[1]});
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 64, 256})
  void reachesTheCapacityOfAFifoServerItIsNotToldWithinThirtySeconds(int capacity) {
    Model m = new Model(DEFAULTS, capacity, 200);
    double limitRate = capacity * 1000.0 / 200;
    double reached = m.rate(20_000, 30_000);
    double late = m.rate(30_000, 90_000);
    assertThat(reached / limitRate).isGreaterThan(0.95);
    assertThat(late / limitRate).isGreaterThan(0.97);
    // it settles near the capacity, not at the cap: latency growth is a signal
    assertThat(m.maxLimit).isLessThanOrEqualTo(2 * capacity + 16);
    assertThat(m.controller.limit()).isBetween((int) (0.95 * capacity), (int) (1.6 * capacity) + 4);
  }

  @Test
  void neverExceedsItsCap() {
    Model m = new Model(new Settings(8, 1, 40, 0.5, 0.5), 256, 200);
    double rate = m.rate(10_000, 30_000);
    assertThat(m.maxLimit).isEqualTo(40);
    assertThat(rate).isGreaterThan(0.95 * 40 * 1000 / 200.0);
  }

  @Test
  void backsOffInAStormOf429sPausesForRetryAfterAndRecovers() {
    Model m = new Model(DEFAULTS, 64, 200);
    m.runUntil(20_000);
    assertThat(m.controller.limit()).isGreaterThanOrEqualTo(64);
    m.storm = true;
    long sentBefore = m.sent;
    long stormsBefore = countHistory(m.controller, Decision.STORM);
    m.runUntil(30_000);
    assertThat(m.controller.limit()).isEqualTo(1); // backed off to the floor, never zero
    // without the pause, one request in flight answered in 1 ms would be 10,000 requests in these 10 s
    assertThat(m.sent - sentBefore).isBetween(10L, 1_000L);
    long storms = countHistory(m.controller, Decision.STORM) - stormsBefore;
    // Retry-After 1 s pauses the endpoint: about one probing request per second, not one per round trip
    assertThat(storms).isBetween(5L, 20L);
    assertThat(m.controller.pausedUntil()).isGreaterThan(29_000);
    m.storm = false;
    double recovered = m.rate(45_000, 60_000);
    assertThat(recovered / 320).isGreaterThan(0.95);
  }

  @Test
  void climbsBackToItsLimitBeforeTheStormWithinAFewRoundTripsOfASlowServer() {
    Model m = new Model(DEFAULTS, 64, 1_000);
    m.runUntil(40_000);
    int before = m.controller.limit();
    assertThat(before).isGreaterThanOrEqualTo(64);
    m.storm = true;
    m.runUntil(48_000);
    assertThat(m.controller.limit()).isLessThan(before / 2);
    m.storm = false;
    // doubling per window back to the clean limit (0.92 here); growing by sqrt(limit) from the floor gives 0.50
    double recovered = m.rate(60_000, 70_000);
    assertThat(recovered / 64).isGreaterThan(0.85);
    assertThat(m.controller.limit()).isLessThanOrEqualTo(Math.max(before, 64) + 2 * (int) Math.sqrt(before) + 2);
  }

  @Test
  void randomErrorsThatDoNotDependOnLoadDoNotCollapseTheLimit() {
    Model m = new Model(DEFAULTS, 64, 200);
    m.randomErrorShare = 0.2; // answered, but neither ok nor overload (e.g. 500): neutral
    double okRate = m.rate(10_000, 40_000);
    assertThat(okRate / (0.8 * 320)).isGreaterThan(0.95); // the server is kept busy; a fifth of it answers errors
    assertThat(m.controller.history().stream().skip(20).mapToInt(AdaptiveConcurrency.Change::limit).min()
        .getAsInt()).isGreaterThanOrEqualTo(60);
  }

  @Test
  void refusalsAtRandomAreNotAStormAndDoNotPauseTheEndpoint() {
    Model m = new Model(DEFAULTS, 64, 200);
    m.randomRefusalShare = 0.25; // a quarter of the requests refused at once, at any load (a flaky gateway)
    double okRate = m.rate(10_000, 40_000);
    assertThat(m.controller.history()).extracting(AdaptiveConcurrency.Change::decision)
        .doesNotContain(Decision.STORM);
    // 0.22 of the ok rate the server could give (the window counts answers, and the fast refusals outnumber the
    // slow answers in it, so the limit settles near 16); before the Wilson rule, 0.016: a storm every second window
    assertThat(okRate / (0.75 * 320)).isGreaterThan(0.15);
  }

  @Test
  void aStormNeedsMostAnswersRefusedBeyondChance() {
    assertThat(AdaptiveConcurrency.refusesMost(8, 8)).isTrue();
    assertThat(AdaptiveConcurrency.refusesMost(7, 8)).isTrue();
    assertThat(AdaptiveConcurrency.refusesMost(6, 8)).isFalse();
    assertThat(AdaptiveConcurrency.refusesMost(12, 16)).isTrue();
    assertThat(AdaptiveConcurrency.refusesMost(11, 16)).isFalse();
    assertThat(AdaptiveConcurrency.refusesMost(1, 1)).isFalse(); // one answer is no evidence
  }

  @Test
  void aServerThatRejectsBeyondItsCapacityKeepsMostOfItsSlotsBusy() {
    Model m = new Model(DEFAULTS, 64, 200);
    m.rejectBeyondCapacity = true;
    double rate = m.rate(20_000, 60_000);
    assertThat(m.controller.limit()).isGreaterThan(16);
    assertThat(rate / 320).isGreaterThan(0.6);
  }

  @Test
  void doesNotGrowWhenTheCallerDoesNotUseItsLimit() {
    Model m = new Model(DEFAULTS, 256, 200);
    m.demand = 5;
    m.runUntil(20_000);
    assertThat(m.controller.limit()).isEqualTo(8);
    assertThat(m.controller.history()).extracting(AdaptiveConcurrency.Change::decision).contains(Decision.HOLD)
        .doesNotContain(Decision.GROW);
  }

  @Test
  void followsAServerThatBecomesSlowerForGood() {
    Model m = new Model(DEFAULTS, 64, 200);
    m.runUntil(20_000);
    m.serviceMs = 400; // longer answers from now on: the unloaded latency doubles
    double rate = m.rate(60_000, 90_000);
    assertThat(rate / (64 * 1000 / 400.0)).isGreaterThan(0.95);
  }

  @Test
  void judgesADecisionOnlyByRequestsSentAfterIt() {
    AdaptiveConcurrency c = new AdaptiveConcurrency(new Settings(4, 1, 100, 0.5, 0.5), 0);
    // two answers to requests sent before the controller existed do not close a window
    assertThat(c.onAnswer(500, Signal.OVERLOAD, 600, -1, 4)).isNull();
    assertThat(c.onAnswer(500, Signal.OVERLOAD, 600, -1, 4)).isNull();
    assertThat(c.onAnswer(600, Signal.OK, 100, -1, 4)).isNull();
    assertThat(c.onAnswer(610, Signal.OK, 100, -1, 4)).isEqualTo(Decision.GROW);
    assertThat(c.limit()).isEqualTo(8); // slow start doubles
    assertThat(c.onAnswer(700, Signal.NEUTRAL, 50, -1, 8)).isNull();
  }

  @Test
  void rejectsSettingsOutOfRange() {
    assertThatThrownBy(() -> new Settings(8, 0, 10, 0.5, 0.5)).hasMessageContaining("min 0");
    assertThatThrownBy(() -> new Settings(8, 1, 10, 0.5, 1.0)).hasMessageContaining("backoff 1.0");
    assertThat(new Settings(500, 1, 10, 0.5, 0.5).initial()).isEqualTo(10);
  }

  private static long countHistory(AdaptiveConcurrency c, Decision d) {
    return c.history().stream().filter(ch -> ch.decision() == d).count();
  }
}
