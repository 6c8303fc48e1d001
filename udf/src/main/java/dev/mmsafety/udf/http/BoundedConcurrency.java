package dev.mmsafety.udf.http;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * All per-partition concurrency in one place: maps an iterator through an asynchronous call keeping at most
 * {@code window} calls in flight, streaming (input is pulled only as the window frees up, so a partition is never
 * materialised) and order-preserving (results come out in input order). A call that throws or fails becomes a
 * failed {@link Outcome}; it never breaks the iteration.
 */
public final class BoundedConcurrency {
  private BoundedConcurrency() {}

  public static <T, R> Iterator<Outcome<R>> mapOrdered(
      Iterator<T> input, int window, Function<? super T, CompletableFuture<R>> call) {
    if (window < 1) {
      throw new IllegalArgumentException("Invalid window: " + window);
    }
    return new Iterator<>() {
      private final ArrayDeque<CompletableFuture<R>> inFlight = new ArrayDeque<>(window);

      private void fill() {
        while (inFlight.size() < window && input.hasNext()) {
          T item = input.next();
          CompletableFuture<R> future;
          try {
            future = call.apply(item);
          } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
          }
          inFlight.addLast(future);
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !inFlight.isEmpty();
      }

      @Override
      public Outcome<R> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        CompletableFuture<R> head = inFlight.pollFirst();
        try {
          return Outcome.of(head.join());
        } catch (CompletionException e) {
          return Outcome.failed(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
          return Outcome.failed(e);
        } finally {
          fill(); // refill at once so the window stays full while the caller handles this result
        }
      }
    };
  }
}
