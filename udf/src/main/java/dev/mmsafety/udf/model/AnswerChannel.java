package dev.mmsafety.udf.model;

/**
 * Where an answer's text came from ({@code responses.answer_channel}, as {@link #id()}). The chat-completions
 * protocol allows all of these as answers; none is an error.
 */
public enum AnswerChannel {
  /** message.content held the answer. */
  CONTENT("content"),
  /** message.refusal held it (the API's structured refusal; content null). */
  REFUSAL("refusal"),
  /** finish_reason content_filter and no content: status content_filtered, no text. */
  CONTENT_FILTER("content_filter"),
  /** only tool_calls, no content: text is empty, the calls are in tool_calls. */
  TOOL_CALLS("tool_calls"),
  /** content empty (or null) and nothing else: an ok answer with empty text. */
  EMPTY("empty");

  private final String id;

  AnswerChannel(String id) {
    this.id = id;
  }

  /** The value written to the answer_channel column. */
  public String id() {
    return id;
  }
}
