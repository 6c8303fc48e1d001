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
    Double malformedRate) {
  public static final int CAPACITY_DEFAULT = 64;
  public static final long SERVICE_MS_DEFAULT = 5;
  public static final double REFUSAL_RATE_DEFAULT = 0.6;
  public static final SimulatorSpec DEFAULT =
      new SimulatorSpec(null, null, null, null, null, null, null, null, null);

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
  }
}
