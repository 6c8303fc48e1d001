package dev.mmsafety.udf.judge.llm;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_-]+)\\s*}}");

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
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Fills the placeholders; every value for a used placeholder must be non-null (the caller checks). */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
