package dev.mmsafety.udf.spark;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The items {@code expand} makes of each input, in input order. An input is expanded only when the items before
 * it are used up, so a partition's output streams lazily, input by input.
 */
final class FlatMapIterator<A, B> implements Iterator<B> {
  private final Iterator<A> inputs;
  private final Function<A, ? extends Collection<? extends B>> expand;
  private final ArrayDeque<B> pending = new ArrayDeque<>();

  private FlatMapIterator(Iterator<A> inputs, Function<A, ? extends Collection<? extends B>> expand) {
    this.inputs = inputs;
    this.expand = expand;
  }

  static <A, B> Iterator<B> of(Iterator<A> inputs, Function<A, ? extends Collection<? extends B>> expand) {
    return new FlatMapIterator<>(inputs, expand);
  }

  @Override
  public boolean hasNext() {
    while (pending.isEmpty() && inputs.hasNext()) {
      pending.addAll(expand.apply(inputs.next()));
    }
    return !pending.isEmpty();
  }

  @Override
  public B next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return pending.poll();
  }
}
