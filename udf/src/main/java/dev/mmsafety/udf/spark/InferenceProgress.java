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
  private final long total;
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile boolean stopped;

  /** Latest heartbeat value of each accumulator per running task. */
  private static final class LiveValues extends org.apache.spark.scheduler.SparkListener {
    private final java.util.Map<Long, java.util.Map<Long, Long>> byAccumulator =
        new java.util.concurrent.ConcurrentHashMap<>();

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
          }
        }
      });
    }

    @Override
    public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
      byAccumulator.values().forEach(m -> m.remove(end.taskInfo().taskId())); // now in the driver's value
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
    this.total = total;
    this.thread = new Thread(() -> {
      while (!stopped) {
        try {
          Thread.sleep(everySeconds * 1000L);
        } catch (InterruptedException e) {
          return;
        }
        if (!stopped) {
          sink.accept(line());
        }
      }
    }, "mmsafety-inference-progress");
    thread.setDaemon(true);
  }

  /** Starts printing a line every {@code everySeconds} (0 or less: never). */
  public static InferenceProgress start(
      SparkContext sc, Accumulators acc, long total, int everySeconds, Consumer<String> sink) {
    InferenceProgress p = new InferenceProgress(sc, acc, total, Math.max(1, everySeconds), sink);
    if (everySeconds > 0) {
      sc.addSparkListener(p.live);
      p.thread.start();
    }
    return p;
  }

  /** done/total, req/s, error rate, cache hits, ETA. */
  public String line() {
    long done = live.value(acc.done());
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = done / seconds;
    double errorRate = done == 0 ? 0 : live.value(acc.errors()) / (double) done;
    String eta = rate <= 0 ? "?" : String.format(Locale.ROOT, "%.0fs", Math.max(0, total - done) / rate);
    return String.format(Locale.ROOT,
        "[generate-responses] %d/%d rows (%.1f%%), %.1f rows/s, %d http calls, error rate %.2f%%, cache hits %d, ETA %s",
        done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, live.value(acc.calls()), 100 * errorRate,
        live.value(acc.cacheHits()), eta);
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    sc.removeSparkListener(live);
  }
}
