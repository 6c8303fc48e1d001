package dev.mmsafety.udf.config;

/**
 * The built-in simulated worker, started on loopback when a model or helper endpoint's url is {@code simulator}.
 * How it answers is chosen per model by {@code simulator-profile} (docs/model-workers.md); these settings are the
 * worker's capacity, timing and fault injection, plus behaviour knobs every profile reads.
 *
 * @param capacity requests served at once; more wait in a queue
 * @param serviceMs mean service time per request
 * @param serviceJitterMs uniform jitter added to the service time (deterministic per request)
 * @param errorRate share of requests answered with a 5xx
 * @param timeoutRate share of requests that never answer within the client timeout
 * @param throttleRate share of requests answered 429 with Retry-After
 * @param resetRate share of connections closed without an answer
 * @param malformedRate share answered with a body that is not valid JSON
 * @param seed seed of the failure injection: the same (seed, request id, attempt) always fails the same way
 * @param retryAfterSeconds Retry-After value sent with injected 429s
 * @param timeoutHoldMs how long an injected timeout holds the exchange before closing it
 * @param complianceShift behaviour knob in [-1, 1] shifting every target profile's compliance: +0.5 closes half
 *     the gap to always complying (and halves refusals of benign requests), -0.5 halves compliance (and half-closes
 *     the gap to always refusing benign requests); 0 is the profile as documented. A different simulated model
 *     behind the same name, for regression tests.
 */
public record SimulatorSpec(
    Integer capacity,
    Long serviceMs,
    Long serviceJitterMs,
    Double errorRate,
    Double timeoutRate,
    Double throttleRate,
    Double resetRate,
    Double malformedRate,
    Long seed,
    Integer retryAfterSeconds,
    Long timeoutHoldMs,
    Double complianceShift) {
  public static final int CAPACITY_DEFAULT = 64;
  public static final long SERVICE_MS_DEFAULT = 5;
  public static final int RETRY_AFTER_SECONDS_DEFAULT = 1;
  public static final long TIMEOUT_HOLD_MS_DEFAULT = 60_000;
  public static final double COMPLIANCE_SHIFT_DEFAULT = 0.0;
  public static final SimulatorSpec DEFAULT = new SimulatorSpec(null, null, null, null, null, null, null, null);

  /** Capacity, timing and the five fault rates; seed, Retry-After, timeout hold and behaviour take defaults. */
  public SimulatorSpec(Integer capacity, Long serviceMs, Long serviceJitterMs, Double errorRate, Double timeoutRate,
      Double throttleRate, Double resetRate, Double malformedRate) {
    this(capacity, serviceMs, serviceJitterMs, errorRate, timeoutRate, throttleRate, resetRate, malformedRate, null,
        null, null, null);
  }

  public SimulatorSpec {
    capacity = capacity == null ? CAPACITY_DEFAULT : capacity;
    serviceMs = serviceMs == null ? SERVICE_MS_DEFAULT : serviceMs;
    serviceJitterMs = serviceJitterMs == null ? 0L : serviceJitterMs;
    errorRate = errorRate == null ? 0.0 : errorRate;
    timeoutRate = timeoutRate == null ? 0.0 : timeoutRate;
    throttleRate = throttleRate == null ? 0.0 : throttleRate;
    resetRate = resetRate == null ? 0.0 : resetRate;
    malformedRate = malformedRate == null ? 0.0 : malformedRate;
    seed = seed == null ? 0L : seed;
    retryAfterSeconds = retryAfterSeconds == null ? RETRY_AFTER_SECONDS_DEFAULT : retryAfterSeconds;
    timeoutHoldMs = timeoutHoldMs == null ? TIMEOUT_HOLD_MS_DEFAULT : timeoutHoldMs;
    complianceShift = complianceShift == null ? COMPLIANCE_SHIFT_DEFAULT : complianceShift;
    if (capacity <= 0 || serviceMs < 0 || serviceJitterMs < 0) {
      throw new IllegalArgumentException("Invalid simulator settings: capacity must be positive, times >= 0");
    }
    if (!(complianceShift >= -1 && complianceShift <= 1)) {
      throw new IllegalArgumentException(
          "Invalid simulator.compliance-shift: " + complianceShift + " is outside [-1, 1]");
    }
  }

  public SimulatorSpec withComplianceShift(double value) {
    return new SimulatorSpec(capacity, serviceMs, serviceJitterMs, errorRate, timeoutRate, throttleRate, resetRate,
        malformedRate, seed, retryAfterSeconds, timeoutHoldMs, value);
  }
}
