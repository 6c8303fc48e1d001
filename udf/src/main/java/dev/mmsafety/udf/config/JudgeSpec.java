package dev.mmsafety.udf.config;

import java.util.Map;

/**
 * One judge.
 *
 * @param name name in the judge column
 * @param type refusal-strings, llm, guard, classifier, cascade
 * @param params judge parameters (list name, model name, template file, ...)
 */
public record JudgeSpec(String name, String type, Map<String, Object> params) {
  public JudgeSpec {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
