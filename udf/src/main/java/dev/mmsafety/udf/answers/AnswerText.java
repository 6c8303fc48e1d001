package dev.mmsafety.udf.answers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The one normalisation every answer parser applies to a line before matching it. */
public final class AnswerText {
  private static final Pattern MARKUP = Pattern.compile("[*_`#\"\\[\\]()]");
  private static final Pattern PREFIX =
      Pattern.compile("^(final answer|answer|verdict|judgement|judgment|classification|label|result|score)\\s*[:=-]\\s*");
  private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.!;,]+$");

  private AnswerText() {}

  /**
   * A line lower-cased, with markdown, brackets and quotes removed, a leading label such as {@code answer:} or
   * {@code verdict:} dropped and trailing punctuation dropped: {@code **Unsafe!**} and {@code Verdict: unsafe.}
   * both read {@code unsafe}.
   */
  public static String clean(String line) {
    String s = MARKUP.matcher(line.toLowerCase(Locale.ROOT)).replaceAll("").trim();
    s = PREFIX.matcher(s).replaceFirst("");
    return TRAILING_PUNCTUATION.matcher(s).replaceAll("").trim();
  }

  /** The non-blank lines of {@code text}, trimmed; empty for null. */
  public static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        lines.add(line.trim());
      }
    }
    return lines;
  }
}
