package dev.mmsafety.udf.http;

import dev.mmsafety.udf.metrics.Wilson;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Learns how many requests one endpoint should get at once from how it answers: a latency-gradient limiter with
 * slow start, in the family of TCP Vegas and Netflix's concurrency-limits Gradient2 (written here: the state
 * machine is 150 lines, must share its limit with a future-based semaphore and must read 429/503/Retry-After,
 * which those libraries model differently).
 *
 * <p>Answers are grouped in windows. A window starts at each decision, waits until every request sent before it
 * has been answered (so that the server's queue no longer holds requests sent under the previous limit; at most
 * four unloaded latencies), and then counts only answers to requests SENT after that (send time = answer time -
 * latency), so a decision is judged by requests made under it alone. It closes once it holds
 * {@code min(16, limit / 2)} such answers (one to two round trips; at least 8 once it holds a 429, 503 or
 * timeout, so that no storm or overload decision rests on one or two answers). Then:
 * <ol>
 *   <li>most of its answers were 429, 503 or timeouts, beyond chance ({@link Decision#STORM}: the 95% Wilson lower
 *       bound of that share reaches one half, e.g. 7 of 8 or 12 of 16): the limit is multiplied by
 *       {@code backoff}, but not below the number of requests the server was still serving at once (below); with
 *       a Retry-After, or when already at the floor, no permit is handed out until the longest Retry-After seen
 *       (1 s without one), so a server refusing everything gets no request per round trip. Once answers are clean
 *       again, the limit doubles per window back to the last limit answered cleanly before the storm (a storm says
 *       the server refused for a while, not that its capacity shrank; if it did, the latency or overload rules
 *       below cut the limit again);
 *   <li>some were ({@link Decision#OVERLOAD}): the limit becomes what the server accepted,
 *       {@code max(limit x (1 - share), served at once)}, plus the usual growth step (so that random,
 *       load-independent errors settle at a limit instead of collapsing it);
 *   <li>the window's median latency is above {@code (1 + tolerance)} x the baseline ({@link Decision#LATENCY}):
 *       requests are queueing in the server; the limit becomes the number of requests the server worked on at
 *       once over the last four to eight baselines (Little's law: the sum of the answers' latencies, each counted up
 *       to the baseline since beyond it a request waited, per unit of time; for a server with capacity C and a FIFO
 *       queue, C), never below half the limit. That also drains the server's queue, so the next windows
 *       see the unqueued latency again. (Estimating from each answer's latency instead undershoots: a server that
 *       starts a batch of requests together answers them together, so a small queue waits a whole batch.)
 *   <li>otherwise, if the window used its limit (the most requests in flight reached 90% of it), the limit grows
 *       ({@link Decision#GROW}): doubles during slow start (until the first decrease), else by sqrt(limit).
 * </ol>
 * The baseline is the lowest window median of the last {@value #BASELINE_WINDOWS} windows, so it follows a server
 * that becomes slower for good (longer answers) instead of shrinking the limit for ever. Limits stay within
 * [{@code min}, {@code max}]. Not thread-safe: {@link EndpointConcurrency} calls it under its lock.
 */
public final class AdaptiveConcurrency {
  static final int BASELINE_WINDOWS = 30;
  static final int MAX_WINDOW_SAMPLES = 16;
  /** Fewest answers a window with refusals closes on: one or two say nothing about a share failing at random. */
  static final int MIN_OVERLOAD_SAMPLES = 8;
  static final long DEFAULT_PAUSE_MS = 1_000;
  static final long MAX_PAUSE_MS = RetryPolicy.MAX_RETRY_AFTER_MS_DEFAULT;
  private static final int HISTORY = 2_000;

  /** What an answer says about load. */
  public enum Signal {
    /** 2xx: its latency counts. */
    OK,
    /** 429, 503, timeout: the server is (or says it is) overloaded. */
    OVERLOAD,
    /** Anything else (other 4xx/5xx, resets, unreadable images): says nothing about load. */
    NEUTRAL
  }

  /** Why the limit changed (or did not) at the end of a window. */
  public enum Decision {
    START, GROW, HOLD, LATENCY, OVERLOAD, STORM
  }

  /** One window's outcome, for the bench's concurrency-over-time print and for tests. */
  public record Change(long atMs, int limit, Decision decision, long medianMs, long baselineMs, double overloadShare) {}

  /**
   * @param initial limit before any answer
   * @param min lowest limit (at least 1: an endpoint is never starved completely)
   * @param max the cap (this JVM's share of the endpoint's max-concurrency)
   * @param tolerance how far the median latency may rise above the baseline before the limit shrinks
   * @param backoff factor applied in a storm of 429/503s
   */
  public record Settings(int initial, int min, int max, double tolerance, double backoff) {
    public Settings {
      if (min < 1 || max < min || tolerance <= 0 || backoff <= 0 || backoff >= 1) {
        throw new IllegalArgumentException("Invalid adaptive concurrency: min " + min + ", max " + max
            + ", tolerance " + tolerance + ", backoff " + backoff);
      }
      initial = Math.max(min, Math.min(max, initial));
    }
  }

  private final Settings settings;
  private double limit;
  private boolean slowStart = true;
  private long windowStart;
  private int staleOutstanding;
  private long cleanStart;
  private int answers;
  private int overloads;
  private long maxRetryAfterMs = -1;
  private int maxInFlight;
  private final long[] latencies = new long[MAX_WINDOW_SAMPLES];
  // time the server spent on answers (each answer's latency, at most the baseline: beyond it, it waited), in
  // two buckets of at least four baselines each (the older one complete)
  private long bucketStart;
  private double bucketServedMs;
  private long previousBucketStart = -1;
  private double previousBucketServedMs;
  private int latencyCount;
  private final long[] medians = new long[BASELINE_WINDOWS];
  private int medianCount;
  private int medianAt;
  private long pausedUntil;
  private final ArrayDeque<Change> history = new ArrayDeque<>();
  private long lastMedian = -1;
  private long lastBaseline = -1;
  // the limit of the last window the server answered cleanly, and what to climb back to quickly after a storm
  private double goodLimit;
  private double recoverTo;

  public AdaptiveConcurrency(Settings settings, long nowMs) {
    this.settings = settings;
    this.limit = settings.initial();
    this.windowStart = nowMs;
    this.cleanStart = nowMs;
    this.bucketStart = nowMs;
    history.add(new Change(nowMs, settings.initial(), Decision.START, -1, -1, 0));
  }

  public Settings settings() {
    return settings;
  }

  /** The current limit. */
  public int limit() {
    return (int) limit;
  }

  /** No permit should be handed out before this time (0 when no storm asked for a pause). */
  public long pausedUntil() {
    return pausedUntil;
  }

  /** Windows closed so far (bounded to the last {@value #HISTORY}). */
  public List<Change> history() {
    return List.copyOf(history);
  }

  /**
   * Records one answer.
   *
   * @param nowMs when it arrived
   * @param latencyMs send to answer
   * @param retryAfterMs the server's Retry-After, -1 without one
   * @param inFlight requests in flight to this endpoint when it arrived, itself included
   * @return the decision when this answer closed a window, else null
   */
  public Decision onAnswer(long nowMs, Signal signal, long latencyMs, long retryAfterMs, int inFlight) {
    maxInFlight = Math.max(maxInFlight, inFlight);
    countServed(nowMs, latencyMs); // every answer, errors too: a fast refusal adds almost nothing
    long sentAt = nowMs - latencyMs;
    if (sentAt < windowStart && staleOutstanding > 0 && --staleOutstanding == 0) {
      cleanStart = Math.min(cleanStart, nowMs);
    }
    if (cleanStart == Long.MAX_VALUE && nowMs - windowStart > maxCleanWaitMs(latencyMs)) {
      cleanStart = nowMs; // a request sent earlier is hanging: do not wait for its timeout
    }
    if (signal == Signal.NEUTRAL || sentAt < cleanStart) {
      return null; // says nothing about load, or was sent before this window's requests had the server to themselves
    }
    answers++;
    if (signal == Signal.OVERLOAD) {
      overloads++;
      maxRetryAfterMs = Math.max(maxRetryAfterMs, retryAfterMs);
    } else if (latencyCount < MAX_WINDOW_SAMPLES) {
      latencies[latencyCount++] = latencyMs;
    }
    // a window with refusals in it waits for enough answers to tell a storm from a share failing at random
    int floor = overloads > 0 ? MIN_OVERLOAD_SAMPLES : 1;
    if (answers < Math.min(MAX_WINDOW_SAMPLES, Math.max(floor, (int) limit / 2))) {
      return null;
    }
    Decision decision = decide(nowMs);
    limit = Math.max(settings.min(), Math.min(settings.max(), limit));
    if (history.size() == HISTORY) {
      history.removeFirst();
    }
    history.addLast(new Change(nowMs, (int) limit, decision, lastMedian, lastBaseline, overloads / (double) answers));
    windowStart = nowMs;
    staleOutstanding = Math.max(0, inFlight - 1);
    cleanStart = staleOutstanding == 0 ? nowMs : Long.MAX_VALUE;
    answers = 0;
    overloads = 0;
    latencyCount = 0;
    maxInFlight = 0;
    maxRetryAfterMs = -1;
    return decision;
  }

  private Decision decide(long nowMs) {
    double share = overloads / (double) answers;
    lastMedian = -1;
    lastBaseline = -1;
    boolean used = maxInFlight >= Math.floor(0.9 * limit);
    double served = servedAtOnce(nowMs);
    if (refusesMost(overloads, answers)) {
      slowStart = false;
      recoverTo = Math.max(recoverTo, goodLimit);
      boolean atFloor = limit <= settings.min();
      limit = Math.max(limit * settings.backoff(), Math.min(limit, served));
      if (maxRetryAfterMs >= 0 || atFloor) { // refused even at the floor: wait instead of one request per round trip
        long pause = maxRetryAfterMs >= 0 ? maxRetryAfterMs : DEFAULT_PAUSE_MS;
        pausedUntil = nowMs + Math.min(pause, MAX_PAUSE_MS);
      }
      return Decision.STORM;
    }
    if (share > 0) {
      slowStart = false;
      recoverTo = 0;
      limit = Math.max(limit * (1 - share), Math.min(limit, served)) + (used ? step() : 0);
      return Decision.OVERLOAD;
    }
    long median = median();
    long baseline = baseline(median);
    lastMedian = median;
    lastBaseline = baseline;
    if (median > baseline * (1 + settings.tolerance()) && median - baseline > 1) {
      slowStart = false;
      recoverTo = 0;
      limit = Math.max(limit / 2, served > 0 ? Math.min(limit, served) : limit * baseline / median);
      return Decision.LATENCY;
    }
    if (!used) {
      return Decision.HOLD;
    }
    goodLimit = limit;
    if (slowStart) {
      limit += limit;
    } else if (limit < recoverTo) {
      limit = Math.min(recoverTo, 2 * limit); // a storm is over: back to the last clean limit as in slow start
    } else {
      recoverTo = 0;
      limit += step();
    }
    return Decision.GROW;
  }

  /**
   * A storm: the server refused most of the window's requests beyond chance, i.e. the 95% Wilson lower bound of the
   * refused share reaches one half (8 of 8, 7 of 8, 12 of 16). A server failing a share at random (20% 5xx, say)
   * then never looks like a storm, which would pause it for a second, again and again.
   */
  static boolean refusesMost(int refused, int answers) {
    return answers > 0 && Wilson.interval95(refused, answers).low() >= 0.5 - 1e-9;
  }

  private long maxCleanWaitMs(long latencyMs) {
    return Math.max(100, 4 * unloaded(latencyMs));
  }

  /** The baseline (unloaded latency), or {@code latencyMs} when lower or before any window closed. */
  private long unloaded(long latencyMs) {
    long unloaded = latencyMs;
    for (int i = 0; i < medianCount; i++) {
      unloaded = Math.min(unloaded, medians[i]);
    }
    return unloaded;
  }

  private double step() {
    return Math.max(1, Math.sqrt(limit));
  }

  private void countServed(long nowMs, long latencyMs) {
    long unloaded = Math.max(1, unloaded(medianCount > 0 ? Long.MAX_VALUE : Math.max(latencyMs, 1)));
    if (nowMs - bucketStart >= 4 * unloaded) {
      previousBucketStart = bucketStart;
      previousBucketServedMs = bucketServedMs;
      bucketStart = nowMs;
      bucketServedMs = 0;
    }
    bucketServedMs += Math.min(latencyMs, unloaded);
  }

  /**
   * Little's law: how many requests the server worked on at once, on average, over the buckets (the time it
   * spent on answers per unit of time); 0 before a bucket is complete.
   */
  private double servedAtOnce(long nowMs) {
    if (previousBucketStart < 0 || nowMs <= previousBucketStart) {
      return 0;
    }
    return (previousBucketServedMs + bucketServedMs) / (nowMs - previousBucketStart);
  }

  private long median() {
    long[] sorted = Arrays.copyOf(latencies, latencyCount);
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Adds this window's median to the ring and returns the ring's minimum. */
  private long baseline(long median) {
    medians[medianAt] = median;
    medianAt = (medianAt + 1) % BASELINE_WINDOWS;
    medianCount = Math.min(BASELINE_WINDOWS, medianCount + 1);
    long min = Long.MAX_VALUE;
    for (int i = 0; i < medianCount; i++) {
      min = Math.min(min, medians[i]);
    }
    return min;
  }
}
