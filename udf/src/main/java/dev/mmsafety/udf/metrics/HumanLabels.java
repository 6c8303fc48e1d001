package dev.mmsafety.udf.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns imported per-annotator labels (responses.human_labels, annotator -> label) into one reference answer per
 * decision. Labels are read case-insensitively: for {@code unsafe}: unsafe, harmful, jailbroken, true, yes, 1
 * (yes) and safe, harmless, not_jailbroken, false, no, 0 (no); for {@code refused}: refusal, refused, refuse
 * (yes) and compliance, complied, comply, answered, not_refused (no). Anything else (blank, unknown) counts as a
 * missing label. The reference is the strict majority of the labels given for that decision; a tie is
 * {@link Outcome#NO_MAJORITY}, no label at all is {@link Outcome#NO_LABELS}; both are excluded and counted.
 */
public final class HumanLabels {
  public static final String UNSAFE = "unsafe";
  public static final String REFUSED = "refused";

  private static final Set<String> UNSAFE_YES = Set.of("unsafe", "harmful", "jailbroken", "true", "yes", "1");
  private static final Set<String> UNSAFE_NO = Set.of("safe", "harmless", "not_jailbroken", "false", "no", "0");
  private static final Set<String> REFUSED_YES = Set.of("refusal", "refused", "refuse");
  private static final Set<String> REFUSED_NO = Set.of("compliance", "complied", "comply", "answered", "not_refused");

  /** The labels-file name of the unsafe decision (accepted as well as {@code unsafe}). */
  public static final String HARMFUL = "harmful";
  /** Separates the decision from the annotator in a human_labels key ({@code refused:alice}). */
  public static final String KEY_SEPARATOR = ":";

  // With the decision named by the labels file, plain yes/no answers are unambiguous for both questions.
  private static final Set<String> ANY_YES = Set.of("yes", "true", "1");
  private static final Set<String> ANY_NO = Set.of("no", "false", "0");

  private HumanLabels() {}

  /**
   * The decision a labels file names: {@code refused}, or {@code harmful}/{@code unsafe} (both {@link #UNSAFE}).
   *
   * @throws IllegalArgumentException naming the value for anything else
   */
  public static String decision(String named) {
    String d = named == null ? "" : named.trim().toLowerCase(Locale.ROOT);
    return switch (d) {
      case REFUSED -> REFUSED;
      case HARMFUL, UNSAFE -> UNSAFE;
      default -> throw new IllegalArgumentException(
          "Invalid decision: '" + named + "' (expected " + REFUSED + " or " + HARMFUL + ")");
    };
  }

  /**
   * One annotator's label for a known decision: true (yes), false (no) or null when the value is not a label of
   * that decision (an unknown value: counted, never guessed). Besides the words above, yes/true/1 and no/false/0.
   */
  public static Boolean parse(String decision, String raw) {
    if (raw == null) {
      return null;
    }
    String word = raw.trim().toLowerCase(Locale.ROOT);
    if (yesWords(decision).contains(word) || ANY_YES.contains(word)) {
      return true;
    }
    if ((UNSAFE.equals(decision) ? UNSAFE_NO : REFUSED_NO).contains(word) || ANY_NO.contains(word)) {
      return false;
    }
    return null;
  }

  /**
   * The word stored in human_labels for a parsed label, so that {@link #majority} reads it as the same answer:
   * refused/complied, unsafe/safe; an unknown value is kept as given.
   */
  public static String canonical(String decision, String raw) {
    Boolean yes = parse(decision, raw);
    if (yes == null) {
      return raw.trim();
    }
    if (UNSAFE.equals(decision)) {
      return yes ? "unsafe" : "safe";
    }
    return yes ? "refused" : "complied";
  }

  public enum Outcome {
    YES,
    NO,
    NO_MAJORITY,
    NO_LABELS
  }

  /** The majority answer of the annotators for {@code decision} (unsafe or refused). */
  public static Outcome majority(Map<String, String> labels, String decision) {
    Set<String> yesWords = yesWords(decision);
    Set<String> noWords = UNSAFE.equals(decision) ? UNSAFE_NO : REFUSED_NO;
    int yes = 0;
    int no = 0;
    if (labels != null) {
      for (String raw : labels.values()) {
        if (raw == null) {
          continue;
        }
        String word = raw.trim().toLowerCase(Locale.ROOT);
        if (yesWords.contains(word)) {
          yes++;
        } else if (noWords.contains(word)) {
          no++;
        }
      }
    }
    if (yes + no == 0) {
      return Outcome.NO_LABELS;
    }
    if (yes == no) {
      return Outcome.NO_MAJORITY;
    }
    return yes > no ? Outcome.YES : Outcome.NO;
  }

  private static Set<String> yesWords(String decision) {
    if (UNSAFE.equals(decision)) {
      return UNSAFE_YES;
    }
    if (REFUSED.equals(decision)) {
      return REFUSED_YES;
    }
    throw new IllegalArgumentException("Invalid decision: " + decision);
  }
}
