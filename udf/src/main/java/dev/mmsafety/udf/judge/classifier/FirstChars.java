package dev.mmsafety.udf.judge.classifier;

import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counting a cue pattern's matches by trying it only where one of its alternatives can begin. {@code find()} tries
 * a long alternation of phrases at every index of the answer, and that was most of the cue measures' time; a match
 * can only start at a character some alternative starts with, so trying there alone finds the same matches.
 * {@link #of} reads those characters off the pattern's source for the forms the cue lists use (literal text,
 * non-capturing groups, {@code ^}, {@code \b}, {@code \d}, escaped punctuation) and gives up (null) on any other,
 * which then counts with {@code find()}. {@code TestFirstChars} checks both ways agree on every labelled answer.
 */
final class FirstChars {
  private final Pattern pattern;
  private final BitSet starts;

  private FirstChars(Pattern pattern, BitSet starts) {
    this.pattern = pattern;
    this.starts = starts;
  }

  /** The counter for {@code p}; without a known start set it counts with {@code find()}. */
  static FirstChars of(Pattern p) {
    BitSet out = new BitSet();
    String r = p.pattern();
    int end = alternation(r, 0, out);
    return new FirstChars(p, end == r.length() ? out : null);
  }

  boolean known() {
    return starts != null;
  }

  /** Non-overlapping matches, as many as {@code find()} gives. */
  int count(String s) {
    Matcher m = pattern.matcher(s);
    int n = 0;
    if (starts == null) {
      while (m.find()) {
        n++;
      }
      return n;
    }
    m.useTransparentBounds(true).useAnchoringBounds(false); // ^, \b and lookarounds see the whole text
    int i = 0;
    while (i < s.length()) {
      if (starts.get(s.charAt(i))) {
        m.region(i, s.length());
        if (m.lookingAt()) {
          n++;
          i = Math.max(m.end(), i + 1);
          continue;
        }
      }
      i++;
    }
    return n;
  }

  /** Adds the first characters of the alternatives from {@code i} on; the index after them, or -1 if unknown. */
  private static int alternation(String r, int i, BitSet out) {
    while (true) {
      i = first(r, i, out);
      if (i < 0) {
        return -1;
      }
      i = skipAlternative(r, i);
      if (i == r.length() || r.charAt(i) == ')') {
        return i;
      }
      i++; // past '|'
    }
  }

  /** Adds the first characters of one alternative starting at {@code i}; the index after its first element. */
  private static int first(String r, int i, BitSet out) {
    while (i < r.length()) {
      char c = r.charAt(i);
      if (c == '^') {
        i++;
      } else if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == 'b') {
        i += 2;
      } else {
        break;
      }
    }
    if (i >= r.length()) {
      return -1;
    }
    char c = r.charAt(i);
    int next;
    if (c == '(') {
      if (!r.startsWith("(?:", i)) {
        return -1;
      }
      next = alternation(r, i + 3, out);
      if (next < 0) {
        return -1;
      }
      next++; // past ')'
    } else if (c == '\\') {
      if (i + 1 >= r.length()) {
        return -1;
      }
      char e = r.charAt(i + 1);
      if (e == 'd') {
        for (char d = '0'; d <= '9'; d++) {
          out.set(d);
        }
      } else if (Character.isLetterOrDigit(e)) {
        return -1;
      } else {
        out.set(e);
      }
      next = i + 2;
    } else if (c == '[' || c == '.' || c == '|' || c == ')' || c == '$' || c == '?' || c == '*' || c == '+'
        || c == '{') {
      return -1;
    } else {
      out.set(c);
      next = i + 1;
    }
    // An optional first element lets the next one start a match: unknown.
    if (next < r.length() && (r.charAt(next) == '?' || r.charAt(next) == '*' || r.startsWith("{0", next))) {
      return -1;
    }
    return next;
  }

  /** The index of the '|' or ')' that ends the alternative holding {@code i}, or the end. */
  private static int skipAlternative(String r, int i) {
    int depth = 0;
    boolean inClass = false;
    for (; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (c == '|' && depth == 0) {
        return i;
      }
    }
    return i;
  }
}
