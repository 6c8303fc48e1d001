package dev.mmsafety.udf.http;

import java.util.function.LongSupplier;

/**
 * A per-endpoint circuit breaker: after {@code failureThreshold} consecutive failures it opens and refuses calls
 * for {@code openMs}; then it lets one trial call through (half-open) and closes on its success or reopens on its
 * failure. Thread-safe.
 */
public final class CircuitBreaker {
  public enum State {
    CLOSED, OPEN, HALF_OPEN
  }

  private final int failureThreshold;
  private final long openMs;
  private final LongSupplier clock;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, long openMs, LongSupplier clock) {
    if (failureThreshold < 1 || openMs < 0) {
      throw new IllegalArgumentException("Invalid circuit breaker: threshold " + failureThreshold + ", open " + openMs);
    }
    this.failureThreshold = failureThreshold;
    this.openMs = openMs;
    this.clock = clock;
  }

  /** True when a call may go out now; a true from a half-open breaker reserves the single trial call. */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openMs) {
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  /** Whether a call would be let through, without reserving the trial. */
  public synchronized boolean allowsCalls() {
    return state == State.CLOSED
        || (state == State.OPEN && clock.getAsLong() - openedAt >= openMs)
        || (state == State.HALF_OPEN && !trialInFlight);
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    state = State.CLOSED;
    trialInFlight = false;
  }

  public synchronized void onFailure() {
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
      state = State.OPEN;
      openedAt = clock.getAsLong();
      trialInFlight = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && clock.getAsLong() - openedAt >= openMs) {
      return State.HALF_OPEN;
    }
    return state;
  }
}
