package dev.mmsafety.udf.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI generation parameters; null fields are not sent. {@code maxCompletionTokens} is the same limit as
 * {@code maxTokens}, sent as {@code max_completion_tokens} for servers that want that name (hosted APIs); give
 * one of the two. {@link #problems} lists what is outside the protocol's ranges; the config loader reports it.
 */
public record GenerationSpec(
    Double temperature, Double topP, Integer maxTokens, Long seed, List<String> stop, Integer maxCompletionTokens) {
  public static final GenerationSpec DEFAULT = new GenerationSpec(0.0, null, 512, null, null);
  public static final double TEMPERATURE_MAX = 2.0;
  public static final int MAX_STOP = 4;

  @JsonCreator
  public GenerationSpec {
    stop = stop == null ? List.of() : List.copyOf(stop);
  }

  public GenerationSpec(Double temperature, Double topP, Integer maxTokens, Long seed, List<String> stop) {
    this(temperature, topP, maxTokens, seed, stop, null);
  }

  /** The completion-token limit whichever key carries it; null when neither is set. */
  public Integer completionLimit() {
    return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
  }

  /** What is outside the chat-completions ranges, as "key value reason" phrases (kebab-case keys); empty if none. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (temperature != null && !(temperature >= 0 && temperature <= TEMPERATURE_MAX)) {
      out.add("temperature " + temperature + " is outside [0, 2]");
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      out.add("top-p " + topP + " is outside (0, 1]");
    }
    if (maxTokens != null && maxTokens < 1) {
      out.add("max-tokens " + maxTokens + " is below 1");
    }
    if (maxCompletionTokens != null && maxCompletionTokens < 1) {
      out.add("max-completion-tokens " + maxCompletionTokens + " is below 1");
    }
    if (maxTokens != null && maxCompletionTokens != null) {
      out.add("max-tokens and max-completion-tokens are both set (give one: the same limit under the name the"
          + " server wants)");
    }
    if (stop.size() > MAX_STOP) {
      out.add("stop has " + stop.size() + " strings, at most " + MAX_STOP + " are allowed");
    }
    if (stop.stream().anyMatch(s -> s == null || s.isEmpty())) {
      out.add("stop holds an empty string");
    }
    return out;
  }
}
