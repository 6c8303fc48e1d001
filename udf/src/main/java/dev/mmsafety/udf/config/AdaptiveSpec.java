package dev.mmsafety.udf.config;

/**
 * Adaptive concurrency per endpoint ({@code inference.adaptive}): each executor JVM learns how many requests an
 * endpoint should get at once from its latencies, 429s, 503s and timeouts, within the endpoint's
 * {@code max-concurrency} (a cap, divided among the JVMs). See docs/model-workers.md.
 *
 * @param enabled false = every endpoint gets exactly its max-concurrency (the fixed budget of earlier versions)
 * @param initial limit per endpoint and JVM before any answer
 * @param min lowest limit per endpoint and JVM
 * @param tolerance how far the median latency may rise above the unloaded latency (0.5 = 50%) before the limit
 *     shrinks
 * @param backoff factor applied to the limit when half or more of a window's answers are 429/503/timeouts
 */
public record AdaptiveSpec(Boolean enabled, Integer initial, Integer min, Double tolerance, Double backoff) {
  public static final boolean ENABLED_DEFAULT = true;
  public static final int INITIAL_DEFAULT = 8;
  public static final int MIN_DEFAULT = 1;
  public static final double TOLERANCE_DEFAULT = 0.5;
  public static final double BACKOFF_DEFAULT = 0.5;
  public static final AdaptiveSpec DEFAULT = new AdaptiveSpec(null, null, null, null, null);
  /** The fixed budget of earlier versions: every endpoint gets its max-concurrency. */
  public static final AdaptiveSpec OFF = new AdaptiveSpec(false, null, null, null, null);

  public AdaptiveSpec {
    enabled = enabled == null ? ENABLED_DEFAULT : enabled;
    initial = initial == null ? INITIAL_DEFAULT : initial;
    min = min == null ? MIN_DEFAULT : min;
    tolerance = tolerance == null ? TOLERANCE_DEFAULT : tolerance;
    backoff = backoff == null ? BACKOFF_DEFAULT : backoff;
    if (min < 1 || initial < min) {
      throw new IllegalArgumentException("Invalid inference.adaptive: min must be >= 1 and initial >= min");
    }
    if (tolerance <= 0 || backoff <= 0 || backoff >= 1) {
      throw new IllegalArgumentException(
          "Invalid inference.adaptive: tolerance must be > 0 and backoff between 0 and 1 (exclusive)");
    }
  }
}
