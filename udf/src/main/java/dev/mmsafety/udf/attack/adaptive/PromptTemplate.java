package dev.mmsafety.udf.attack.adaptive;

import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.common.Placeholders;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One of the adaptive search's prompts with {@code {{name}}} placeholders. The placeholders it may use and the one it
 * must use are fixed per role ({@link SearchTemplates}); both are checked when it is made, so a user's template
 * file with a typo is a config error naming the file, not a silent empty string later.
 */
public record PromptTemplate(String name, String text) {

  /** Checks {@code text} against the {@code known} placeholders, {@code required} among them. */
  static PromptTemplate checked(String name, String text, Set<String> known, String required) {
    Set<String> used = placeholders(text);
    for (String p : used) {
      if (!known.contains(p)) {
        throw new ConfigException("Cannot use adaptive template " + name + ": unknown placeholder {{" + p + "}} (known: "
            + String.join(", ", new TreeSet<>(known).stream().map(k -> "{{" + k + "}}").toList()) + ")");
      }
    }
    if (!used.contains(required)) {
      throw new ConfigException("Cannot use adaptive template " + name + ": it has no {{" + required + "}} placeholder");
    }
    return new PromptTemplate(name, text);
  }

  static Set<String> placeholders(String text) {
    return Placeholders.names(text);
  }

  /** Fills the placeholders; a value never given renders empty. */
  public String render(Map<String, String> values) {
    return Placeholders.fill(text, k -> values.getOrDefault(k, ""));
  }
}
