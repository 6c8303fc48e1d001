package dev.mmsafety.udf.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * How many requests one endpoint gets at once from this JVM: a fixed budget, or one that {@link
 * AdaptiveConcurrency} learns from the answers, enforced by an {@link AsyncLimiter} (waiting is a future, never a
 * parked thread). Thread-safe.
 */
public final class EndpointConcurrency {
  private final AsyncLimiter limiter;
  private final AdaptiveConcurrency adaptive;
  private final LongSupplier clock;

  private EndpointConcurrency(AsyncLimiter limiter, AdaptiveConcurrency adaptive, LongSupplier clock) {
    this.limiter = limiter;
    this.adaptive = adaptive;
    this.clock = clock;
  }

  /** Always {@code permits} at once. */
  public static EndpointConcurrency fixed(int permits) {
    return new EndpointConcurrency(new AsyncLimiter(permits), null, System::currentTimeMillis);
  }

  /** Learns its limit, within {@code settings}. */
  public static EndpointConcurrency adaptive(AdaptiveConcurrency.Settings settings) {
    LongSupplier clock = System::currentTimeMillis;
    AdaptiveConcurrency a = new AdaptiveConcurrency(settings, clock.getAsLong());
    return new EndpointConcurrency(new AsyncLimiter(a.limit()), a, clock);
  }

  /** Completes when a request may be sent, with the number of requests then in flight (itself included). */
  public CompletableFuture<Integer> acquire() {
    return limiter.acquire();
  }

  /**
   * Gives the permit back, telling the controller how the request went.
   *
   * @param latencyMs send to answer
   * @param retryAfterMs the server's Retry-After, -1 without one
   */
  public void release(AdaptiveConcurrency.Signal signal, long latencyMs, long retryAfterMs) {
    if (adaptive != null) {
      int limit;
      long pausedUntil;
      synchronized (adaptive) {
        adaptive.onAnswer(clock.getAsLong(), signal, latencyMs, retryAfterMs, limiter.inUse());
        limit = adaptive.limit();
        pausedUntil = adaptive.pausedUntil();
      }
      limiter.pauseUntil(pausedUntil);
      limiter.setPermits(limit);
    }
    limiter.release();
  }

  public boolean isAdaptive() {
    return adaptive != null;
  }

  /** The current limit (the fixed budget, or what the controller has learnt). */
  public int limit() {
    return limiter.permits();
  }

  /** The most the limit may be: the adaptive cap, or the fixed budget. */
  public int cap() {
    return adaptive == null ? limiter.permits() : adaptive.settings().max();
  }

  public int inUse() {
    return limiter.inUse();
  }

  public int waiting() {
    return limiter.waiting();
  }

  /** The controller's decisions so far; empty for a fixed budget. */
  public List<AdaptiveConcurrency.Change> history() {
    if (adaptive == null) {
      return List.of();
    }
    synchronized (adaptive) {
      return adaptive.history();
    }
  }
}
