package dev.mmsafety.udf.answers;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 1-10 rating (the adaptive attacks' evaluator format, {@code Rating: [[7]]}). Tolerant as the other parsers: the
 * last {@code [[n]]} anywhere wins; otherwise the first or the last line, cleaned ({@link AnswerText#clean}), may read
 * {@code 7}, {@code rating: 7} or {@code 7/10}. Anything else, or a number outside 1-10, is unparseable with a reason;
 * never a guessed default.
 */
public final class Rating {
  public static final int MIN = 1;
  public static final int MAX = 10;
  private static final Pattern BRACKETED = Pattern.compile("\\[\\[\\s*(-?\\d+(?:\\.\\d+)?)\\s*]]");
  private static final Pattern LINE = Pattern.compile("^(?:rating\\s*[:=-]?\\s*)?(-?\\d+(?:\\.\\d+)?)(?:\\s*/\\s*10)?$");

  private Rating() {}

  /**
   * A parsed rating: {@code score} 1-10, or null with the {@code reason} it could not be read.
   */
  public record Parsed(Integer score, String reason) {
    public boolean ok() {
      return score != null;
    }
  }

  public static Parsed parse(String answer) {
    if (answer == null || answer.isBlank()) {
      return new Parsed(null, "empty answer");
    }
    Matcher m = BRACKETED.matcher(answer);
    String number = null;
    while (m.find()) {
      number = m.group(1);
    }
    if (number == null) {
      List<String> lines = AnswerText.lines(answer);
      for (String line : List.of(lines.get(lines.size() - 1), lines.get(0))) {
        Matcher l = LINE.matcher(AnswerText.clean(line));
        if (l.matches()) {
          number = l.group(1);
          break;
        }
      }
    }
    if (number == null) {
      return new Parsed(null, "no rating found (expected Rating: [[1-10]])");
    }
    double d = Double.parseDouble(number);
    if (d != Math.rint(d) || d < MIN || d > MAX) {
      return new Parsed(null, "rating " + number + " is not an integer from 1 to 10");
    }
    return new Parsed((int) d, null);
  }
}
