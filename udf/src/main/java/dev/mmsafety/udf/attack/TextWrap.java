package dev.mmsafety.udf.attack;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPython's {@code textwrap.wrap(text, width)} / {@code fill} at the {@code TextWrapper} defaults (expand_tabs with
 * tabsize 8, replace_whitespace, drop_whitespace, break_long_words, break_on_hyphens, no fix_sentence_endings,
 * no indents, no max_lines), ported step by step because FigStep wraps its instructions that way and any other
 * break moves a whole word on the rendered image. Lengths are in code points, as Python's {@code len}.
 * {@code TestTextWrap} checks it against python3 on thousands of generated strings.
 */
public final class TextWrap {
  /*
   * CPython's TextWrapper.wordsep_re (whitespace runs, em-dashes, words split after inner hyphens), run over a
   * stand-in string with one char per code point: java.util.regex measures lookbehinds in UTF-16 units and would
   * miss hyphens between astral letters. The stand-ins keep every class the pattern tells apart.
   */
  private static final String WS = "[\\t\\n\\x0B\\f\\r ]";
  private static final String NWS = "[^\\t\\n\\x0B\\f\\r ]";
  /** Python's {@code \w} on str: letters, numbers, '_' (stand-ins L, D, '_'). */
  private static final String WORD = "[LD_]";
  private static final String WORD_PUNCT = "[LD_!\"'&.,?]";
  /** Python's {@code [^\d\W]}: {@code \w} less the decimal digits. */
  private static final String LETTER = "[L_]";
  private static final Pattern WORDSEP =
      Pattern.compile(
          WS + "+"
              + "|(?<=" + WORD_PUNCT + ")-{2,}(?=" + WORD + ")"
              + "|" + NWS + "+?(?:"
              + "-(?:(?<=" + LETTER + "{2}-)|(?<=" + LETTER + "-" + LETTER + "-))(?=" + LETTER + "-?" + LETTER + ")"
              + "|(?=" + WS + "|\\z)"
              + "|(?<=" + WORD_PUNCT + ")(?=-{2,}" + WORD + ")"
              + ")");

  private static final int TAB_SIZE = 8;

  private TextWrap() {}

  /** {@code textwrap.fill(text, width)}: the wrapped lines joined by newlines. */
  public static String fill(String text, int width) {
    return String.join("\n", wrap(text, width));
  }

  /** The lines {@code textwrap.wrap(text, width)} returns (empty when the text is only whitespace). */
  public static List<String> wrap(String text, int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("Invalid width: " + width);
    }
    List<String> chunks = split(munge(text));
    Collections.reverse(chunks); // a stack: the next chunk is the last element
    List<String> lines = new ArrayList<>();
    while (!chunks.isEmpty()) {
      List<String> line = new ArrayList<>();
      int len = 0;
      if (isPythonBlank(peek(chunks)) && !lines.isEmpty()) {
        pop(chunks);
      }
      while (!chunks.isEmpty() && len + length(peek(chunks)) <= width) {
        len += length(peek(chunks));
        line.add(pop(chunks));
      }
      if (!chunks.isEmpty() && length(peek(chunks)) > width) {
        breakLongWord(chunks, line, len, width);
      }
      if (!line.isEmpty() && isPythonBlank(line.get(line.size() - 1))) {
        line.remove(line.size() - 1);
      }
      if (!line.isEmpty()) {
        lines.add(String.join("", line));
      }
    }
    return lines;
  }

  /**
   * {@code _handle_long_word}: as much of the chunk as fits, cut after its last hyphen when there is one with a
   * non-hyphen before it. A full line takes an empty piece (space left 0), as CPython does.
   */
  private static void breakLongWord(List<String> chunks, List<String> line, int len, int width) {
    int spaceLeft = width < 1 ? 1 : width - len;
    int[] chunk = peek(chunks).codePoints().toArray();
    int end = spaceLeft;
    if (chunk.length > spaceLeft) {
      int hyphen = -1;
      for (int i = Math.min(spaceLeft, chunk.length) - 1; i >= 0 && hyphen < 0; i--) {
        hyphen = chunk[i] == '-' ? i : -1;
      }
      if (hyphen > 0 && hasNonHyphen(chunk, hyphen)) {
        end = hyphen + 1;
      }
    }
    end = Math.min(end, chunk.length);
    line.add(new String(chunk, 0, end));
    chunks.set(chunks.size() - 1, new String(chunk, end, chunk.length - end));
  }

  private static boolean hasNonHyphen(int[] chunk, int before) {
    for (int i = 0; i < before; i++) {
      if (chunk[i] != '-') {
        return true;
      }
    }
    return false;
  }

  /** {@code expandtabs(8)} (columns reset after \n and \r), then the six ASCII whitespace characters to spaces. */
  private static String munge(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int column = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\t') {
        int spaces = TAB_SIZE - column % TAB_SIZE;
        out.append(" ".repeat(spaces));
        column += spaces;
      } else if (cp == '\n' || cp == '\r') {
        out.append(' ');
        column = 0;
      } else {
        out.appendCodePoint(cp == 0x0b || cp == 0x0c ? ' ' : cp);
        column++;
      }
    }
    return out.toString();
  }

  /** {@code wordsep_re.split(text)} without the empty strings. */
  private static List<String> split(String text) {
    int[] cps = text.codePoints().toArray();
    char[] standIns = new char[cps.length];
    for (int i = 0; i < cps.length; i++) {
      standIns[i] = standIn(cps[i]);
    }
    List<String> chunks = new ArrayList<>();
    Matcher m = WORDSEP.matcher(new String(standIns));
    int pos = 0;
    while (m.find()) {
      if (m.start() > pos) {
        chunks.add(new String(cps, pos, m.start() - pos));
      }
      if (m.end() > m.start()) {
        chunks.add(new String(cps, m.start(), m.end() - m.start()));
      }
      pos = m.end();
    }
    if (pos < cps.length) {
      chunks.add(new String(cps, pos, cps.length - pos));
    }
    return chunks;
  }

  /** The code point's class for WORDSEP: itself when ASCII whitespace or punctuation it names, else L, D or '#'. */
  private static char standIn(int cp) {
    if (cp < 0x80 && "\t\n\u000b\f\r -_!\"'&.,?".indexOf(cp) >= 0) {
      return (char) cp;
    }
    return switch (Character.getType(cp)) {
      case Character.DECIMAL_DIGIT_NUMBER -> 'D';
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> 'L';
      default -> '#';
    };
  }

  /** Python's {@code s.strip() == ""}: empty, or only characters for which {@code str.isspace()} holds. */
  static boolean isPythonBlank(String s) {
    return s.codePoints().allMatch(TextWrap::isPythonSpace);
  }

  /** Python's {@code str.isspace()} for one code point (Zs, Zl, Zp, the C0 separators, NEL, ...). */
  static boolean isPythonSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
  }

  private static String peek(List<String> stack) {
    return stack.get(stack.size() - 1);
  }

  private static String pop(List<String> stack) {
    return stack.remove(stack.size() - 1);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }
}
