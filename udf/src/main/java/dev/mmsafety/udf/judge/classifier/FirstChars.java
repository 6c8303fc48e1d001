package dev.mmsafety.udf.judge.classifier;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counting a cue pattern's matches by trying, where a match can begin, only the alternatives that can begin there.
 * {@code find()} tries a long alternation of phrases at every index of the answer, and that was most of the cue
 * measures' time; a match can only start at a character some alternative starts with, and at a given character only
 * the alternatives that can start with it can match, so trying those alone, in their order, finds the same matches.
 * {@link #of} reads each top-level alternative's first characters off the pattern's source for the forms the cue
 * lists use (literal text, non-capturing groups, {@code ^}, {@code \b}, {@code \d}, escaped punctuation) and gives
 * up on any other, which then counts with {@code find()}. {@code TestFirstChars} checks both ways agree on every
 * labelled answer.
 */
final class FirstChars {
  private final Pattern pattern;
  /** Characters some alternative starts with: checked before {@link #slots}, so other characters cost no lookup. */
  private final BitSet starts;
  /** For each character in {@link #starts}: the index in {@link #subs} of the alternatives it can start, joined. */
  private final Map<Character, Integer> slots;
  private final Pattern[] subs;

  private FirstChars(Pattern pattern, BitSet starts, Map<Character, Integer> slots, Pattern[] subs) {
    this.pattern = pattern;
    this.starts = starts;
    this.slots = slots;
    this.subs = subs;
  }

  /** The counter for {@code p}; without known first characters it counts with {@code find()}. */
  static FirstChars of(Pattern p) {
    List<String> alternatives = new ArrayList<>();
    List<BitSet> starts = new ArrayList<>();
    Supplier<BitSet> each = () -> {
      BitSet b = new BitSet();
      starts.add(b);
      return b;
    };
    if (alternation(p.pattern(), 0, each, alternatives) != p.pattern().length()) {
      return new FirstChars(p, null, null, null); // unknown, or a stray ')'
    }
    // Characters whose alternatives are the same list share one pattern.
    Map<List<Integer>, Integer> bySet = new HashMap<>();
    Map<Character, Integer> slots = new HashMap<>();
    List<Pattern> subs = new ArrayList<>();
    BitSet all = new BitSet();
    starts.forEach(all::or);
    for (int c = all.nextSetBit(0); c >= 0; c = all.nextSetBit(c + 1)) {
      List<Integer> which = new ArrayList<>();
      for (int k = 0; k < starts.size(); k++) {
        if (starts.get(k).get(c)) {
          which.add(k);
        }
      }
      Integer slot = bySet.get(which);
      if (slot == null) {
        slot = subs.size();
        bySet.put(which, slot);
        subs.add(Pattern.compile(String.join("|", which.stream().map(alternatives::get).toList()), p.flags()));
      }
      slots.put((char) c, slot);
    }
    return new FirstChars(p, all, slots, subs.toArray(Pattern[]::new));
  }

  boolean known() {
    return slots != null;
  }

  /** Non-overlapping matches, as many as {@code find()} gives. */
  int count(String s) {
    int n = 0;
    if (slots == null) {
      Matcher m = pattern.matcher(s);
      while (m.find()) {
        n++;
      }
      return n;
    }
    Matcher[] matchers = new Matcher[subs.length];
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (starts.get(c)) {
        int slot = slots.get(c);
        Matcher m = matchers[slot];
        if (m == null) {
          // ^, \b and lookarounds see the whole text
          m = matchers[slot] = subs[slot].matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
        }
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

  /**
   * Adds the first characters of the alternatives from {@code i} on, each to the set {@code into} gives it, and
   * their text to {@code texts} if not null; the index after them, or -1 if unknown.
   */
  private static int alternation(String r, int i, Supplier<BitSet> into, List<String> texts) {
    while (true) {
      int start = i;
      i = first(r, i, into.get());
      if (i < 0) {
        return -1;
      }
      i = skipAlternative(r, i);
      if (texts != null) {
        texts.add(r.substring(start, i));
      }
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
      next = alternation(r, i + 3, () -> out, null);
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
