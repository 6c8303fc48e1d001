package dev.mmsafety.udf.sim;

import java.util.Map;

/**
 * What a {@link SimulatedWorker} has seen so far (a snapshot).
 *
 * @param calls chat-completion requests received (every attempt counts)
 * @param statusCounts responses sent, by HTTP status
 * @param callsByRequestId requests received per X-Request-Id header (or per body hash without one)
 * @param resets connections closed without an answer
 * @param timeouts requests held without an answer (injected timeouts)
 * @param authorizedCalls requests that carried an "Authorization: Bearer ..." header (the token is not kept)
 * @param maxInFlight most requests received and not yet answered at any moment (queued ones included)
 * @param firstCallAtMs epoch ms of the first chat request received (0 before any)
 * @param lastAnswerAtMs epoch ms of the last answer sent (0 before any)
 */
public record SimulatorCounters(
    long calls,
    Map<Integer, Long> statusCounts,
    Map<String, Integer> callsByRequestId,
    long resets,
    long timeouts,
    int maxInFlight,
    long firstCallAtMs,
    long lastAnswerAtMs,
    long authorizedCalls) {

  /** Requests answered per second between the first request and the last answer: the server-side throughput. */
  public double answeredPerSecond() {
    long answered = statusCounts.values().stream().mapToLong(Long::longValue).sum();
    long spanMs = lastAnswerAtMs - firstCallAtMs;
    return spanMs <= 0 ? 0 : answered * 1000.0 / spanMs;
  }

  public long status(int code) {
    return statusCounts.getOrDefault(code, 0L);
  }

  public int callsFor(String requestId) {
    return callsByRequestId.getOrDefault(requestId, 0);
  }
}
