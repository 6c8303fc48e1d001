package dev.mmsafety.udf.model;

import java.util.Locale;

/**
 * Where an answer's text came from ({@code responses.answer_channel}, as {@link #id()}). The chat-completions
 * protocol allows all of these as answers; none is an error.
 */
public enum AnswerChannel {
  /** message.content held the answer. */
  CONTENT,
  /** message.refusal held it (the API's structured refusal; content null). */
  REFUSAL,
  /** finish_reason content_filter and no content: status content_filtered, no text. */
  CONTENT_FILTER,
  /** only tool_calls, no content: text is empty, the calls are in tool_calls. */
  TOOL_CALLS,
  /** content empty (or null) and nothing else: an ok answer with empty text. */
  EMPTY;

  /** Derived once: it is read for every response. */
  private final String id = name().toLowerCase(Locale.ROOT);

  /** The value written to the answer_channel column: the name in lower case (content_filter, tool_calls, ...). */
  public String id() {
    return id;
  }
}
