package dev.mmsafety.udf.http;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * A semaphore whose acquire returns a future instead of blocking, so that waiting for an endpoint's concurrency
 * budget never parks a thread. Waiters are served first come, first served.
 */
public final class AsyncLimiter {
  private final int permits;
  private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
  private int inUse;

  public AsyncLimiter(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException("Invalid permits: " + permits);
    }
    this.permits = permits;
  }

  public CompletableFuture<Void> acquire() {
    synchronized (this) {
      if (inUse < permits) {
        inUse++;
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> waiter = new CompletableFuture<>();
      waiters.addLast(waiter);
      return waiter;
    }
  }

  public void release() {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiters.pollFirst();
      if (next == null) {
        inUse--;
        return;
      }
    }
    next.complete(null); // the permit passes straight to the next waiter, outside the lock
  }

  public synchronized int inUse() {
    return inUse;
  }

  public synchronized int waiting() {
    return waiters.size();
  }

  public int permits() {
    return permits;
  }
}
