package dev.mmsafety.udf.model;

import java.util.Set;

/**
 * What came back for one request, or why nothing did. {@code status} is one of the values in {@link Status}.
 *
 * @param attempts HTTP attempts made (0 for a cache hit)
 * @param endpoint endpoint name that answered last
 * @param answerChannel where the answer's text came from (an {@link AnswerChannel} id); null when there is no model
 *     answer
 * @param toolCalls the answer's {@code tool_calls} as JSON; null when it had none
 */
public record ModelResponse(
    String requestId,
    String status,
    String text,
    String finishReason,
    Integer promptTokens,
    Integer completionTokens,
    Long latencyMs,
    Integer httpStatus,
    int attempts,
    String endpoint,
    String error,
    boolean cacheHit,
    String answerChannel,
    String toolCalls) {

  /** A response without an answer channel (failures, answers a defense wrote). */
  public ModelResponse(
      String requestId, String status, String text, String finishReason, Integer promptTokens,
      Integer completionTokens, Long latencyMs, Integer httpStatus, int attempts, String endpoint, String error,
      boolean cacheHit) {
    this(requestId, status, text, finishReason, promptTokens, completionTokens, latencyMs, httpStatus, attempts,
        endpoint, error, cacheHit, null, null);
  }

  public boolean ok() {
    return Status.OK.equals(status);
  }

  /** The same answer as served from the response cache: no attempts, no error, marked as a hit. */
  public ModelResponse asCacheHit() {
    return new ModelResponse(requestId, status, text, finishReason, promptTokens, completionTokens, latencyMs,
        httpStatus, 0, endpoint, null, true, answerChannel, toolCalls);
  }

  /** Row status values shared by responses and judge calls. */
  public static final class Status {
    public static final String OK = "ok";
    public static final String CLIENT_ERROR = "client_error";
    public static final String SERVER_ERROR = "server_error";
    public static final String TIMEOUT = "timeout";
    public static final String IO_ERROR = "io_error";
    public static final String BAD_RESPONSE = "bad_response";
    public static final String BREAKER_OPEN = "breaker_open";
    public static final String BUDGET_EXHAUSTED = "budget_exhausted";
    public static final String BLOCKED = "blocked";
    /** finish_reason content_filter with no content: the provider's filter withheld the answer (a refusal). */
    public static final String CONTENT_FILTERED = "content_filtered";

    /** The model's image-limits refused an image of the request; nothing was sent. */
    public static final String IMAGE_REJECTED = "image_rejected";

    /** Statuses that are outcomes, not failures: they never count toward inference.max-error-rate. */
    public static final Set<String> OUTCOMES = Set.of(OK, BUDGET_EXHAUSTED, BLOCKED, CONTENT_FILTERED, IMAGE_REJECTED);

    private Status() {}
  }
}
