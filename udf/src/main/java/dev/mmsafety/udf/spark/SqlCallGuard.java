package dev.mmsafety.udf.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.util.LongAccumulator;

/**
 * At most {@code maxCalls} model calls for one SQL query, per JVM: the last line of defence behind the dry-run
 * count of {@code ./mmsafety sql} (a plan that evaluates rows the dry run did not see, e.g. a retried task). On
 * local Spark, where the sql command runs by default, that is the whole query; on a cluster each executor counts
 * its own calls. Every call allowed is also added to {@code calls}, which the driver reads.
 */
public final class SqlCallGuard implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicLong> USED = new ConcurrentHashMap<>();

  private final String token = UUID.randomUUID().toString();
  private final long maxCalls;
  private final LongAccumulator calls;

  public SqlCallGuard(long maxCalls, LongAccumulator calls) {
    if (maxCalls < 0) {
      throw new IllegalArgumentException("Invalid max calls: " + maxCalls);
    }
    this.maxCalls = maxCalls;
    this.calls = calls;
  }

  /** True (and counted) when one more call fits. */
  public boolean tryAcquire() {
    if (USED.computeIfAbsent(token, k -> new AtomicLong()).incrementAndGet() > maxCalls) {
      return false;
    }
    calls.add(1);
    return true;
  }

  public long maxCalls() {
    return maxCalls;
  }

  /** Forgets this guard's count in this JVM (call when the query is done). */
  public void release() {
    USED.remove(token);
  }
}
