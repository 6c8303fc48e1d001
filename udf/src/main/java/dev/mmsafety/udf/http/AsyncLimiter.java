package dev.mmsafety.udf.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * A semaphore whose acquire returns a future instead of blocking, so that waiting for an endpoint's concurrency
 * budget never parks a thread. Waiters are served first come, first served. The number of permits may change
 * while permits are held (an adaptive limit): a smaller number takes effect as holders release, a larger one
 * admits waiters at once. {@link #pauseUntil} stops handing out permits until a time (a server's Retry-After),
 * so that a server refusing everything gets no request until then, instead of one per round trip.
 */
public final class AsyncLimiter {
  private final LongSupplier clock;
  private final BiConsumer<Long, Runnable> scheduler;
  private final ArrayDeque<CompletableFuture<Integer>> waiters = new ArrayDeque<>();
  private int permits;
  private int inUse;
  private long pausedUntil;

  public AsyncLimiter(int permits) {
    this(permits, System::currentTimeMillis,
        (delayMs, task) -> CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS).execute(task));
  }

  /**
   * @param clock milliseconds, for pauses
   * @param scheduler runs a task after a delay in ms (tests pass one they run by hand)
   */
  public AsyncLimiter(int permits, LongSupplier clock, BiConsumer<Long, Runnable> scheduler) {
    checkPermits(permits);
    this.permits = permits;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /** Completes with the number of permits in use once this one is granted (itself included). */
  public CompletableFuture<Integer> acquire() {
    synchronized (this) {
      if (waiters.isEmpty() && inUse < permits && clock.getAsLong() >= pausedUntil) {
        inUse++;
        return CompletableFuture.completedFuture(inUse);
      }
      CompletableFuture<Integer> waiter = new CompletableFuture<>();
      waiters.addLast(waiter);
      return waiter;
    }
  }

  public void release() {
    synchronized (this) {
      inUse--;
    }
    admit();
  }

  /** Changes the number of permits; holders beyond a lower number keep theirs until they release. */
  public void setPermits(int value) {
    checkPermits(value);
    synchronized (this) {
      if (value == permits) {
        return;
      }
      permits = value;
    }
    admit();
  }

  /** Hands out no permit before {@code atMs} (an earlier time than a pause already set changes nothing). */
  public void pauseUntil(long atMs) {
    long delay;
    synchronized (this) {
      if (atMs <= pausedUntil) {
        return;
      }
      pausedUntil = atMs;
      delay = atMs - clock.getAsLong();
    }
    if (delay > 0) {
      scheduler.accept(delay, this::admit);
    }
  }

  /** Gives free permits to waiters, in order; their continuations run outside the lock. */
  void admit() {
    while (true) {
      CompletableFuture<Integer> next;
      int granted;
      synchronized (this) {
        if (waiters.isEmpty() || inUse >= permits || clock.getAsLong() < pausedUntil) {
          return;
        }
        granted = ++inUse;
        next = waiters.pollFirst();
      }
      next.complete(granted);
    }
  }

  public synchronized int inUse() {
    return inUse;
  }

  public synchronized int waiting() {
    return waiters.size();
  }

  public synchronized int permits() {
    return permits;
  }

  private static void checkPermits(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("Invalid permits: " + permits);
    }
  }
}
