package dev.mmsafety.udf.model;

/**
 * What came back for one request, or why nothing did. {@code status} is one of the values in {@link Status}.
 *
 * @param attempts HTTP attempts made (0 for a cache hit)
 * @param endpoint endpoint name that answered last
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
    boolean cacheHit) {

  public boolean ok() {
    return Status.OK.equals(status);
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
    /** The model's image-limits refused an image of the request; nothing was sent. */
    public static final String IMAGE_REJECTED = "image_rejected";

    private Status() {}
  }
}
