package dev.mmsafety.udf.judge.refusal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The folding both a response and the entries of the project's own (multilingual) lists go through before a
 * substring match, so spelling variants that mean the same thing match alike:
 *
 * <ol>
 *   <li>Unicode NFKC (full-width Latin and punctuation to ASCII, half-width katakana to full-width, Devanagari
 *       nukta letters to one form, ligatures and compatibility forms to their base);
 *   <li>apostrophe variants (U+2018, U+2019, U+201B, U+02BC, U+2032, U+00B4, U+0060) to ' and double-quote
 *       variants (U+201C, U+201D, U+201E, U+00AB, U+00BB) to ";
 *   <li>lower case (Locale.ROOT);
 *   <li>Arabic: diacritics (tashkeel U+064B-U+065F, U+0670) and tatweel (U+0640) removed, alef forms (U+0622,
 *       U+0623, U+0625, U+0671) to bare alef, alef maksura (U+0649) to ya; Russian ё to е;
 *   <li>every whitespace run to one space.
 * </ol>
 */
public final class RefusalFold {
  private RefusalFold() {}

  public static String fold(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(nfkc.length());
    boolean space = false;
    for (int i = 0; i < nfkc.length(); i++) {
      char c = nfkc.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (!space) {
          out.append(' ');
        }
        space = true;
        continue;
      }
      space = false;
      if ((c >= '\u064B' && c <= '\u065F') || c == '\u0670' || c == '\u0640') {
        continue;
      }
      out.append(switch (c) {
        case '\u2018', '\u2019', '\u201B', '\u02BC', '\u2032', '\u00B4', '\u0060' -> '\'';
        case '\u201C', '\u201D', '\u201E', '\u00AB', '\u00BB' -> '"';
        case '\u0622', '\u0623', '\u0625', '\u0671' -> '\u0627';
        case '\u0649' -> '\u064A';
        case '\u0451' -> '\u0435';
        default -> c;
      });
    }
    return out.toString();
  }
}
