package dev.mmsafety.udf.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * Driver-side progress of an inference stage: named accumulators (shown in the Spark UI) that tasks bump per
 * row, and a daemon thread printing one line every few seconds. Accumulators can double count retried tasks;
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
  private final long total;
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile boolean stopped;

  private InferenceProgress(Accumulators acc, long total, int everySeconds, Consumer<String> sink) {
    this.acc = acc;
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
  public static InferenceProgress start(Accumulators acc, long total, int everySeconds, Consumer<String> sink) {
    InferenceProgress p = new InferenceProgress(acc, total, Math.max(1, everySeconds), sink);
    if (everySeconds > 0) {
      p.thread.start();
    }
    return p;
  }

  /** done/total, req/s, error rate, cache hits, ETA. */
  public String line() {
    long done = acc.done().value();
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = done / seconds;
    double errorRate = done == 0 ? 0 : acc.errors().value() / (double) done;
    String eta = rate <= 0 ? "?" : String.format(Locale.ROOT, "%.0fs", Math.max(0, total - done) / rate);
    return String.format(Locale.ROOT,
        "[generate-responses] %d/%d rows (%.1f%%), %.1f rows/s, %d http calls, error rate %.2f%%, cache hits %d, ETA %s",
        done, total, total == 0 ? 100.0 : 100.0 * done / total, rate, acc.calls().value(), 100 * errorRate,
        acc.cacheHits().value(), eta);
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }
}
