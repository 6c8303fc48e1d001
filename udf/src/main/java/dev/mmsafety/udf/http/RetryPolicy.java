package dev.mmsafety.udf.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * When and how long to wait before trying a request again: exponential backoff with "equal jitter" (half fixed,
 * half random), never shorter than a server's Retry-After.
 *
 * @param maxAttempts attempts per request, the first included
 * @param baseBackoffMs backoff before the second attempt (before jitter)
 * @param maxBackoffMs cap of the computed backoff (a longer Retry-After is still honoured, up to maxRetryAfterMs)
 * @param maxRetryAfterMs the longest Retry-After honoured; longer ones are cut to this
 */
public record RetryPolicy(int maxAttempts, long baseBackoffMs, long maxBackoffMs, long maxRetryAfterMs) {
  public static final long MAX_RETRY_AFTER_MS_DEFAULT = 60_000;

  public RetryPolicy {
    if (maxAttempts < 1 || baseBackoffMs < 0 || maxBackoffMs < baseBackoffMs || maxRetryAfterMs < 0) {
      throw new IllegalArgumentException(
          "Invalid retry policy: attempts " + maxAttempts + ", backoff " + baseBackoffMs + ".." + maxBackoffMs);
    }
  }

  /** 408, 429 and every 5xx are worth another attempt; other 4xx will fail the same way again. */
  public static boolean retryableStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  public boolean hasAttemptAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /**
   * Delay before attempt {@code failedAttempt + 1}.
   *
   * @param failedAttempt the attempt that just failed, 1-based
   * @param retryAfterMs the server's Retry-After in ms, or -1 without one
   * @param random a uniform value in [0, 1)
   */
  public long delayMs(int failedAttempt, long retryAfterMs, double random) {
    long exp = baseBackoffMs << Math.min(failedAttempt - 1, 30);
    long capped = Math.min(maxBackoffMs, exp < 0 ? maxBackoffMs : exp);
    long jittered = capped / 2 + (long) (random * (capped - capped / 2 + 1));
    return Math.max(jittered, Math.min(retryAfterMs, maxRetryAfterMs));
  }

  /** Retry-After as delta-seconds or an HTTP date; -1 when absent or unreadable. */
  public static long parseRetryAfterMs(String header, long nowMs) {
    if (header == null || header.isBlank()) {
      return -1;
    }
    String value = header.trim();
    try {
      return Math.max(0, Long.parseLong(value) * 1000);
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, at.toInstant().toEpochMilli() - nowMs);
      } catch (DateTimeParseException e2) {
        return -1;
      }
    }
  }

  public Duration maxBackoff() {
    return Duration.ofMillis(maxBackoffMs);
  }
}
