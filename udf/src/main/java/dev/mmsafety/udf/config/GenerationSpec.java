package dev.mmsafety.udf.config;

import java.util.List;

/** OpenAI generation parameters; null fields are not sent. */
public record GenerationSpec(
    Double temperature, Double topP, Integer maxTokens, Long seed, List<String> stop) {
  public static final GenerationSpec DEFAULT = new GenerationSpec(0.0, null, 512, null, null);

  public GenerationSpec {
    stop = stop == null ? List.of() : List.copyOf(stop);
  }
}
