package dev.mmsafety.udf.judge.llm;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.Map;
import java.util.Set;

/**
 * A judge prompt with {@code {{response}}}, {@code {{question}}} and {@code {{context}}} placeholders. Every
 * template must contain {@code {{response}}} (a judge that never sees the answer judges nothing) and no other
 * placeholder names; both are checked when the template is created, so a broken template file is a config error
 * naming it, not a wrong number later.
 */
public record JudgeTemplate(String name, String text, AnswerFormat format) {
  public static final String RESPONSE = "response";
  public static final String QUESTION = "question";
  public static final String CONTEXT = "context";
  public static final Set<String> PLACEHOLDERS = Set.of(RESPONSE, QUESTION, CONTEXT);

  public JudgeTemplate {
    Set<String> used = placeholders(text);
    if (!used.contains(RESPONSE)) {
      throw new ConfigException("Cannot use judge template " + name + ": it has no {{response}} placeholder");
    }
    for (String p : used) {
      if (!PLACEHOLDERS.contains(p)) {
        throw new ConfigException(
            "Cannot use judge template " + name + ": unknown placeholder {{" + p
                + "}} (known: {{response}}, {{question}}, {{context}})");
      }
    }
  }

  public Set<String> placeholders() {
    return placeholders(text);
  }

  private static Set<String> placeholders(String text) {
    return dev.mmsafety.udf.common.Placeholders.names(text);
  }

  /** Fills the placeholders; every value for a used placeholder must be non-null (the caller checks). */
  public String render(Map<String, String> values) {
    return dev.mmsafety.udf.common.Placeholders.fill(text, values::get);
  }
}
