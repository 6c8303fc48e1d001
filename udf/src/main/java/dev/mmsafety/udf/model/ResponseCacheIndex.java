package dev.mmsafety.udf.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * The per-JVM view of a response cache directory for one run: the entries the run's scope admits, loaded from the
 * files once (first task of the run in this executor), then kept current by write-through from every task here.
 * A run tag that changes drops the previous run's view, so one JVM running several runs never serves stale or
 * deleted entries, nor entries another run's scope admitted.
 */
public final class ResponseCacheIndex {
  private record View(String runTag, Map<String, ResponseCache.Entry> entries) {}

  private static final Map<String, View> VIEWS = new ConcurrentHashMap<>();

  private ResponseCacheIndex() {}

  public static Map<String, ResponseCache.Entry> forRun(
      Configuration conf, String dir, String runTag, ResponseCache.Scope scope) {
    View view = VIEWS.compute(dir, (k, current) -> {
      if (current != null && current.runTag().equals(runTag)) {
        return current;
      }
      Map<String, ResponseCache.Entry> entries = new ConcurrentHashMap<>();
      try {
        ResponseCache.load(conf, dir, null, scope, entries);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read response cache " + dir + ": " + e.getMessage(), e);
      }
      return new View(runTag, entries);
    });
    return view.entries();
  }

  /** Drops this JVM's view of {@code dir} (the next task reads the files again). */
  public static void forget(String dir) {
    VIEWS.remove(dir);
  }
}
