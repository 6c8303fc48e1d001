package dev.mmsafety.udf.common;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code {{name}}} placeholders in prompt templates (judge and adaptive-attack templates): found and filled one way. */
public final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_-]+)\\s*}}");

  private Placeholders() {}

  /** The placeholder names {@code text} uses, in order of first use. */
  public static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** {@code text} with each placeholder replaced by {@code value} of its name. */
  public static String fill(String text, Function<String, String> value) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
