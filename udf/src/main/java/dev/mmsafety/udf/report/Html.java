package dev.mmsafety.udf.report;

import java.util.Locale;

/** HTML text helpers: every piece of data reaches the page through {@link #escape}. */
public final class Html {
  private Html() {}

  /** Escapes text for element content and double- or single-quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          // Control characters other than tab/newline have no business in a report.
          if (c < 0x20 && c != '\n' && c != '\t') {
            out.append(' ');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** A rate as a percentage with one decimal, or an en dash when undefined. */
  public static String pct(Double rate) {
    return rate == null || rate.isNaN() ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  /** A signed difference in percentage points. */
  public static String points(Double delta) {
    return delta == null || delta.isNaN() ? "\u2013" : String.format(Locale.ROOT, "%+.1f pp", delta * 100);
  }

  public static String num(Double value, int decimals) {
    return value == null || value.isNaN() ? "\u2013" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  public static String pValue(Double p) {
    if (p == null || p.isNaN()) {
      return "\u2013";
    }
    return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
  }
}
