package dev.mmsafety.udf.sim;

/**
 * What a simulator profile answers: the assistant text and the finish reason ({@code stop}, or {@code length}
 * when the request's max_tokens cut it).
 */
public record SimAnswer(String text, String finishReason) {
  public static final String STOP = "stop";
  public static final String LENGTH = "length";

  public static SimAnswer of(String text) {
    return new SimAnswer(text, STOP);
  }

  /** The answer cut to {@code maxTokens} words (one word counts as one token here), if the request set a limit. */
  SimAnswer limitedTo(Integer maxTokens) {
    if (maxTokens == null) {
      return this;
    }
    String[] words = text.split(" ", -1);
    if (words.length <= maxTokens) {
      return this;
    }
    return new SimAnswer(String.join(" ", java.util.Arrays.copyOf(words, Math.max(1, maxTokens))), LENGTH);
  }
}
