package dev.mmsafety.udf.judge;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Order-preserving, streaming, bounded-window async map over an iterator: at most {@code window} calls are in
 * flight, results come out in input order, and input is pulled only as the window frees up (a partition never
 * sits in memory at once).
 */
public final class JudgeWindow<InT, OutT> implements Iterator<OutT> {
  private final Iterator<InT> input;
  private final Function<InT, CompletableFuture<OutT>> call;
  private final int window;
  private final ArrayDeque<CompletableFuture<OutT>> inFlight = new ArrayDeque<>();

  public JudgeWindow(Iterator<InT> input, Function<InT, CompletableFuture<OutT>> call, int window) {
    if (window <= 0) {
      throw new IllegalArgumentException("Invalid window: " + window);
    }
    this.input = input;
    this.call = call;
    this.window = window;
  }

  @Override
  public boolean hasNext() {
    fill();
    return !inFlight.isEmpty();
  }

  @Override
  public OutT next() {
    fill();
    if (inFlight.isEmpty()) {
      throw new NoSuchElementException();
    }
    return inFlight.removeFirst().join();
  }

  private void fill() {
    while (inFlight.size() < window && input.hasNext()) {
      inFlight.addLast(call.apply(input.next()));
    }
  }
}
