package dev.mmsafety.udf.attack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Line wrapping with the semantics of Python's {@code textwrap.fill(text, width)} at its defaults (tabs expanded,
 * whitespace replaced by spaces, whitespace dropped at line ends, long words broken, breaks after hyphens), because
 * FigStep wraps its instructions that way and a different break changes the rendered image.
 */
public final class TextWrap {
  private static final String WS = "[\\t\\n\\x0b\\x0c\\r ]";
  private static final String NWS = "[^\\t\\n\\x0b\\x0c\\r ]";
  private static final String WORD_PUNCT = "[\\w!\"'&.,?]";
  private static final String LETTER = "[^\\d\\W]";
  // The word separator of CPython's TextWrapper, re-expressed for java.util.regex.
  private static final Pattern WORDSEP =
      Pattern.compile(
          "(" + WS + "+"
              + "|(?<=" + WORD_PUNCT + ")-{2,}(?=\\w)"
              + "|" + NWS + "+?(?:"
              + "-(?:(?<=" + LETTER + "{2}-)|(?<=" + LETTER + "-" + LETTER + "-))(?=" + LETTER + "-?" + LETTER + ")"
              + "|(?=" + WS + "|\\z)"
              + "|(?<=" + WORD_PUNCT + ")(?=-{2,}\\w)"
              + "))",
          Pattern.UNICODE_CHARACTER_CLASS);

  private TextWrap() {}

  /** The lines {@code textwrap.wrap(text, width)} returns (empty for blank text). */
  public static List<String> wrap(String text, int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("Invalid width: " + width);
    }
    List<String> chunks = split(munge(text));
    Collections.reverse(chunks);
    List<String> lines = new ArrayList<>();
    while (!chunks.isEmpty()) {
      List<String> line = new ArrayList<>();
      int len = 0;
      if (last(chunks).isBlank() && !lines.isEmpty()) {
        chunks.remove(chunks.size() - 1);
      }
      while (!chunks.isEmpty()) {
        int l = length(last(chunks));
        if (len + l > width) {
          break;
        }
        line.add(chunks.remove(chunks.size() - 1));
        len += l;
      }
      if (!chunks.isEmpty() && length(last(chunks)) > width) {
        breakLongWord(chunks, line, width - len);
      }
      if (!line.isEmpty() && last(line).isBlank()) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        lines.add(String.join("", line));
      }
    }
    return lines;
  }

  private static void breakLongWord(List<String> reversedChunks, List<String> line, int spaceLeft) {
    int space = Math.max(spaceLeft, 1);
    String chunk = last(reversedChunks);
    int end = space;
    if (length(chunk) > space) {
      int hyphen = chunk.substring(0, offset(chunk, space)).lastIndexOf('-');
      if (hyphen > 0 && !chunk.substring(0, hyphen).chars().allMatch(c -> c == '-')) {
        end = chunk.codePointCount(0, hyphen) + 1;
      }
    }
    int cut = offset(chunk, end);
    line.add(chunk.substring(0, cut));
    reversedChunks.set(reversedChunks.size() - 1, chunk.substring(cut));
  }

  /** Tabs to 8-column stops, then every whitespace character to a space (expand_tabs, replace_whitespace). */
  private static String munge(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int column = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t') {
        int spaces = 8 - column % 8;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else if (c == '\n' || c == '\r') {
        out.append(' ');
        column = 0;
      } else {
        out.append(c == 0x0b || c == 0x0c ? ' ' : c);
        column++;
      }
    }
    return out.toString();
  }

  private static List<String> split(String text) {
    List<String> chunks = new ArrayList<>();
    Matcher m = WORDSEP.matcher(text);
    int pos = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      if (m.start() > pos) {
        chunks.add(text.substring(pos, m.start()));
      }
      chunks.add(m.group(1));
      pos = m.end();
    }
    if (pos < text.length()) {
      chunks.add(text.substring(pos));
    }
    return chunks;
  }

  private static String last(List<String> list) {
    return list.get(list.size() - 1);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private static int offset(String s, int codePoints) {
    return s.offsetByCodePoints(0, Math.min(codePoints, length(s)));
  }
}
