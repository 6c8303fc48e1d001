package dev.mmsafety.udf.config;

import java.util.function.Consumer;

/**
 * How model calls run.
 *
 * @param window in-flight requests per partition (bounded window of the lazy iterator)
 * @param maxAttempts attempts per request, first included
 * @param backoffMs base of the exponential backoff
 * @param maxBackoffMs cap of one backoff sleep
 * @param timeoutMs per-attempt request timeout
 * @param maxErrorRate the stage fails when the share of non-ok rows exceeds this
 * @param maxRequests cap on model calls for the run (null = none); rows past it get status budget_exhausted
 * @param maxTokens cap on completion tokens for the run (null = none)
 * @param breakerFailures consecutive failures that open an endpoint's circuit breaker
 * @param breakerOpenMs how long the breaker stays open before a trial request
 * @param progressSeconds seconds between driver progress lines
 * @param cacheScope which cached answers a run reuses: {@code run} (only those of the same run date, i.e. a
 *     resumed or re-run night) or {@code revision} (also earlier nights' answers of models with a revision)
 * @param adaptive adaptive concurrency per endpoint (on by default; endpoints' max-concurrency is then a cap)
 */
public record InferenceSpec(
    Integer window,
    Integer maxAttempts,
    Long backoffMs,
    Long maxBackoffMs,
    Long timeoutMs,
    Double maxErrorRate,
    Long maxRequests,
    Long maxTokens,
    Integer breakerFailures,
    Long breakerOpenMs,
    Integer progressSeconds,
    String cacheScope,
    AdaptiveSpec adaptive) {
  public static final String CACHE_SCOPE_RUN = "run";
  public static final String CACHE_SCOPE_REVISION = "revision";
  public static final String CACHE_SCOPE_DEFAULT = CACHE_SCOPE_RUN;
  /** Large enough that the window, not the endpoint, is rarely what limits concurrency (rows in flight are small). */
  public static final int WINDOW_DEFAULT = 512;
  public static final int MAX_ATTEMPTS_DEFAULT = 6;
  public static final long BACKOFF_MS_DEFAULT = 200;
  public static final long MAX_BACKOFF_MS_DEFAULT = 10_000;
  public static final long TIMEOUT_MS_DEFAULT = 120_000;
  public static final double MAX_ERROR_RATE_DEFAULT = 0.05;
  public static final int BREAKER_FAILURES_DEFAULT = 20;
  public static final long BREAKER_OPEN_MS_DEFAULT = 5_000;
  public static final int PROGRESS_SECONDS_DEFAULT = 5;
  public static final InferenceSpec DEFAULT =
      new InferenceSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);

  public InferenceSpec {
    window = window == null ? WINDOW_DEFAULT : window;
    maxAttempts = maxAttempts == null ? MAX_ATTEMPTS_DEFAULT : maxAttempts;
    backoffMs = backoffMs == null ? BACKOFF_MS_DEFAULT : backoffMs;
    maxBackoffMs = maxBackoffMs == null ? MAX_BACKOFF_MS_DEFAULT : maxBackoffMs;
    timeoutMs = timeoutMs == null ? TIMEOUT_MS_DEFAULT : timeoutMs;
    maxErrorRate = maxErrorRate == null ? MAX_ERROR_RATE_DEFAULT : maxErrorRate;
    breakerFailures = breakerFailures == null ? BREAKER_FAILURES_DEFAULT : breakerFailures;
    breakerOpenMs = breakerOpenMs == null ? BREAKER_OPEN_MS_DEFAULT : breakerOpenMs;
    progressSeconds = progressSeconds == null ? PROGRESS_SECONDS_DEFAULT : progressSeconds;
    cacheScope = cacheScope == null ? CACHE_SCOPE_DEFAULT : cacheScope;
    adaptive = adaptive == null ? AdaptiveSpec.DEFAULT : adaptive;
    if (window <= 0 || maxAttempts <= 0 || timeoutMs <= 0) {
      throw new IllegalArgumentException(
          "Invalid inference settings: window, max-attempts and timeout-ms must be positive");
    }
  }

  /**
   * A copy with some settings changed, e.g. {@code spec.with(s -> s.window = 64)} or
   * {@code spec.with(s -> { s.maxAttempts = 2; s.timeoutMs = 300L; })}; the copy is checked like any spec.
   */
  public InferenceSpec with(Consumer<Builder> change) {
    return RecordEdit.apply(this, new Builder(), change);
  }

  /**
   * The settings as plain fields, for {@link #with}: one lambda sets any of them, no setter per field; named as the
   * components, which {@link RecordEdit} copies in and out by name.
   */
  public static final class Builder {
    public Integer window;
    public Integer maxAttempts;
    public Long backoffMs;
    public Long maxBackoffMs;
    public Long timeoutMs;
    public Double maxErrorRate;
    public Long maxRequests;
    public Long maxTokens;
    public Integer breakerFailures;
    public Long breakerOpenMs;
    public Integer progressSeconds;
    public String cacheScope;
    public AdaptiveSpec adaptive;

    private Builder() {}
  }

  /** True when answers of earlier nights may be reused (for models whose revision is set). */
  public boolean reusesAcrossRuns() {
    return CACHE_SCOPE_REVISION.equals(cacheScope);
  }
}
