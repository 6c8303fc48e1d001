package dev.mmsafety.udf.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Driver-side progress of an inference stage: named accumulators (shown in the Spark UI) that tasks bump per
 * row, and a daemon thread printing one line every few seconds. A driver-side accumulator only changes when a
 * task ends, so the line adds the running tasks' values that executors report with their heartbeats
 * ({@code spark.executor.heartbeatInterval}, 10 s by default). Accumulators can double count retried tasks;
 * the authoritative counts come from the written table.
 *
 * <p>The counts therefore move in steps, at heartbeats and task ends, while the line is printed on a clock. So
 * that a tick never repeats the last counts with another rate, a tick prints only when the counts moved, and the
 * rate is always one thing: rows done over the time from the start to the update that reported them ({@link
 * Lines}).
 */
public final class InferenceProgress implements AutoCloseable {

  /** The stage's named accumulators. */
  public record Accumulators(LongAccumulator done, LongAccumulator calls, LongAccumulator errors,
      LongAccumulator cacheHits) implements Serializable {

    public static Accumulators register(SparkContext sc, String prefix) {
      return new Accumulators(sc.longAccumulator(prefix + ".rows_done"), sc.longAccumulator(prefix + ".http_calls"),
          sc.longAccumulator(prefix + ".rows_not_ok"), sc.longAccumulator(prefix + ".cache_hits"));
    }
  }

  private final Accumulators acc;
  private final LiveValues live;
  private final SparkContext sc;
  private final Lines lines;
  private final Consumer<String> sink;
  private final Thread thread;
  private volatile boolean stopped;

  /** Latest heartbeat value of each accumulator per running task. */
  private static final class LiveValues extends org.apache.spark.scheduler.SparkListener {
    private final java.util.Map<Long, java.util.Map<Long, Long>> byAccumulator =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long updatedAtNanos = System.nanoTime();
    private volatile boolean listening;

    LiveValues(Accumulators acc) {
      for (LongAccumulator a : java.util.List.of(acc.done(), acc.calls(), acc.errors(), acc.cacheHits())) {
        byAccumulator.put(a.id(), new java.util.concurrent.ConcurrentHashMap<>());
      }
    }

    @Override
    public void onExecutorMetricsUpdate(org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate update) {
      scala.jdk.javaapi.CollectionConverters.asJava(update.accumUpdates()).forEach(t -> {
        long taskId = (Long) t._1();
        for (org.apache.spark.scheduler.AccumulableInfo info : scala.jdk.javaapi.CollectionConverters.asJava(t._4())) {
          java.util.Map<Long, Long> perTask = byAccumulator.get(info.id());
          if (perTask != null && info.update().isDefined() && info.update().get() instanceof Number n) {
            perTask.put(taskId, n.longValue());
            updatedAtNanos = System.nanoTime();
          }
        }
      });
    }

    @Override
    public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
      byAccumulator.values().forEach(m -> m.remove(end.taskInfo().taskId())); // now in the driver's value
      boolean ours = scala.jdk.javaapi.CollectionConverters.asJava(end.taskInfo().accumulables()).stream()
          .anyMatch(info -> byAccumulator.containsKey(info.id()));
      if (ours) {
        updatedAtNanos = System.nanoTime();
      }
    }

    /** The counts now; when not listening (no ticks), they are the driver's values as of now. */
    Lines.Counts counts(Accumulators acc) {
      long at = listening ? updatedAtNanos : System.nanoTime();
      return new Lines.Counts(value(acc.done()), value(acc.calls()), value(acc.errors()), value(acc.cacheHits()), at);
    }

    long value(LongAccumulator a) {
      java.util.Map<Long, Long> perTask = byAccumulator.get(a.id());
      return a.value() + (perTask == null ? 0 : perTask.values().stream().mapToLong(Long::longValue).sum());
    }
  }

  private InferenceProgress(
      SparkContext sc, Accumulators acc, long total, int everySeconds, Consumer<String> sink) {
    this.sc = sc;
    this.acc = acc;
    this.live = new LiveValues(acc);
    this.lines = new Lines(total, System.nanoTime());
    this.sink = sink;
    this.thread = new Thread(() -> {
      while (!stopped) {
        try {
          Thread.sleep(everySeconds * 1000L);
        } catch (InterruptedException e) {
          return;
        }
        if (!stopped) {
          tick();
        }
      }
    }, "mmsafety-inference-progress");
    thread.setDaemon(true);
  }

  /** Looks at the counts every {@code everySeconds} and prints a line when they moved (0 or less: never). */
  public static InferenceProgress start(
      SparkContext sc, Accumulators acc, long total, int everySeconds, Consumer<String> sink) {
    InferenceProgress p = new InferenceProgress(sc, acc, total, Math.max(1, everySeconds), sink);
    if (everySeconds > 0) {
      p.live.listening = true;
      sc.addSparkListener(p.live);
      p.thread.start();
    }
    return p;
  }

  private synchronized void tick() {
    lines.next(live.counts(acc)).ifPresent(sink);
  }

  /** Stops the clock and prints the last line, unless the last tick already printed these counts. */
  public void finish() {
    stopped = true;
    thread.interrupt();
    tick();
  }

  /**
   * The lines of one stage: {@code done/total rows (%), rows/s, http calls, error rate, cache hits, ETA}, one
   * for each change of the counts. rows/s = done / seconds from the start to {@link Counts#asOfNanos}.
   */
  static final class Lines {
    /** The accumulators' values and when they were last updated. */
    record Counts(long done, long calls, long errors, long cacheHits, long asOfNanos) {}

    private final long total;
    private final long startNanos;
    private Counts printed;

    Lines(long total, long startNanos) {
      this.total = total;
      this.startNanos = startNanos;
    }

    /** The line for {@code now}, or empty when it would repeat the counts of the line printed last. */
    java.util.Optional<String> next(Counts now) {
      if (printed != null && printed.done() == now.done() && printed.calls() == now.calls()
          && printed.errors() == now.errors() && printed.cacheHits() == now.cacheHits()) {
        return java.util.Optional.empty();
      }
      printed = now;
      return java.util.Optional.of(format(now));
    }

    String format(Counts c) {
      double seconds = Math.max(1e-3, (c.asOfNanos() - startNanos) / 1e9);
      double rate = c.done() / seconds;
      double errorRate = c.done() == 0 ? 0 : c.errors() / (double) c.done();
      String eta = rate <= 0 ? "?" : String.format(Locale.ROOT, "%.0fs", Math.max(0, total - c.done()) / rate);
      return String.format(Locale.ROOT,
          "[generate-responses] %d/%d rows (%.1f%%), %.1f rows/s, %d http calls, error rate %.2f%%, cache hits %d,"
              + " ETA %s",
          c.done(), total, total == 0 ? 100.0 : 100.0 * c.done() / total, rate, c.calls(), 100 * errorRate,
          c.cacheHits(), eta);
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    sc.removeSparkListener(live);
  }
}
