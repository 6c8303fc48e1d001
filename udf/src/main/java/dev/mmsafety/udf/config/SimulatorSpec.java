package dev.mmsafety.udf.config;

/**
 * The built-in simulated worker, started on loopback when a model endpoint's url is {@code simulator}.
 *
 * @param capacity requests served at once; more wait in a queue
 * @param serviceMs mean service time per request
 * @param serviceJitterMs uniform jitter added to the service time (deterministic per request)
 * @param refusalRate share of harmful-looking prompts it refuses (deterministic by prompt hash)
 * @param errorRate share of requests answered with a 5xx
 * @param timeoutRate share of requests that never answer within the client timeout
 * @param throttleRate share of requests answered 429 with Retry-After
 * @param resetRate share of connections closed without an answer
 * @param malformedRate share answered with a body that is not valid JSON
 * @param seed seed of the failure injection: the same (seed, request id, attempt) always fails the same way
 * @param retryAfterSeconds Retry-After value sent with injected 429s
 * @param timeoutHoldMs how long an injected timeout holds the exchange before closing it
 */
public record SimulatorSpec(
    Integer capacity,
    Long serviceMs,
    Long serviceJitterMs,
    Double refusalRate,
    Double errorRate,
    Double timeoutRate,
    Double throttleRate,
    Double resetRate,
    Double malformedRate,
    Long seed,
    Integer retryAfterSeconds,
    Long timeoutHoldMs) {
  public static final int CAPACITY_DEFAULT = 64;
  public static final long SERVICE_MS_DEFAULT = 5;
  public static final double REFUSAL_RATE_DEFAULT = 0.6;
  public static final int RETRY_AFTER_SECONDS_DEFAULT = 1;
  public static final long TIMEOUT_HOLD_MS_DEFAULT = 60_000;
  public static final SimulatorSpec DEFAULT =
      new SimulatorSpec(null, null, null, null, null, null, null, null, null);

  /** The original nine settings; seed, Retry-After and timeout hold take their defaults. */
  public SimulatorSpec(
      Integer capacity,
      Long serviceMs,
      Long serviceJitterMs,
      Double refusalRate,
      Double errorRate,
      Double timeoutRate,
      Double throttleRate,
      Double resetRate,
      Double malformedRate) {
    this(capacity, serviceMs, serviceJitterMs, refusalRate, errorRate, timeoutRate, throttleRate, resetRate,
        malformedRate, null, null, null);
  }

  public SimulatorSpec {
    capacity = capacity == null ? CAPACITY_DEFAULT : capacity;
    serviceMs = serviceMs == null ? SERVICE_MS_DEFAULT : serviceMs;
    serviceJitterMs = serviceJitterMs == null ? 0L : serviceJitterMs;
    refusalRate = refusalRate == null ? REFUSAL_RATE_DEFAULT : refusalRate;
    errorRate = errorRate == null ? 0.0 : errorRate;
    timeoutRate = timeoutRate == null ? 0.0 : timeoutRate;
    throttleRate = throttleRate == null ? 0.0 : throttleRate;
    resetRate = resetRate == null ? 0.0 : resetRate;
    malformedRate = malformedRate == null ? 0.0 : malformedRate;
    seed = seed == null ? 0L : seed;
    retryAfterSeconds = retryAfterSeconds == null ? RETRY_AFTER_SECONDS_DEFAULT : retryAfterSeconds;
    timeoutHoldMs = timeoutHoldMs == null ? TIMEOUT_HOLD_MS_DEFAULT : timeoutHoldMs;
    if (capacity <= 0 || serviceMs < 0 || serviceJitterMs < 0) {
      throw new IllegalArgumentException("Invalid simulator settings: capacity must be positive, times >= 0");
    }
  }
}
