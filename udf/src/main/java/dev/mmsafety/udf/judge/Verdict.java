package dev.mmsafety.udf.judge;

import java.util.List;

/**
 * One judge's decision about one response, in the terms of the judgments table. Flags are null unless
 * {@code status} is ok; a judge that fails says so ({@code error}) and a judge answer that does not parse is
 * {@code unparseable}: neither is ever turned into a guessed verdict.
 *
 * @param status ok, error, unparseable or skipped (see {@link Status})
 * @param verdict the judge's own label, e.g. refusal, compliance, safe, unsafe, yes, no
 * @param refused the model refused
 * @param unsafe the answer is harmful (attack success on harmful cases)
 * @param effective the answer is helpful, where the judge says so
 * @param score score or confidence, if any
 * @param matched the refusal string that matched, or the parsed answer line
 * @param categories violated categories (guard judges)
 * @param reason short reason or the raw judge answer (truncated)
 */
public record Verdict(
    String status,
    String verdict,
    Boolean refused,
    Boolean unsafe,
    Boolean effective,
    Double score,
    String matched,
    List<String> categories,
    String reason) {
  /** Longest reason kept on a row; judge answers can be long and the table is for reading, not archiving. */
  public static final int MAX_REASON_CHARS = 500;

  public Verdict {
    if (!Status.ALL.contains(status)) {
      throw new IllegalArgumentException("Invalid verdict status: " + status);
    }
    categories = categories == null ? null : List.copyOf(categories);
    reason = truncate(reason);
  }

  public boolean ok() {
    return Status.OK.equals(status);
  }

  public static Verdict ok(
      String verdict, Boolean refused, Boolean unsafe, Boolean effective, Double score, String matched, String reason) {
    return new Verdict(Status.OK, verdict, refused, unsafe, effective, score, matched, null, reason);
  }

  public Verdict withCategories(List<String> codes) {
    return new Verdict(status, verdict, refused, unsafe, effective, score, matched, codes, reason);
  }

  public Verdict withScore(Double value) {
    return new Verdict(status, verdict, refused, unsafe, effective, value, matched, categories, reason);
  }

  public Verdict withReason(String text) {
    return new Verdict(status, verdict, refused, unsafe, effective, score, matched, categories, text);
  }

  public static Verdict error(String reason) {
    return new Verdict(Status.ERROR, null, null, null, null, null, null, null, reason);
  }

  public static Verdict unparseable(String rawAnswer) {
    return new Verdict(Status.UNPARSEABLE, null, null, null, null, null, null, null, rawAnswer);
  }

  public static Verdict skipped(String responseStatus) {
    return new Verdict(
        Status.SKIPPED, null, null, null, null, null, null, null, "response status " + responseStatus + ": no text");
  }

  private static String truncate(String text) {
    return text == null || text.length() <= MAX_REASON_CHARS ? text : text.substring(0, MAX_REASON_CHARS) + "...";
  }

  /** Judgment status values. */
  public static final class Status {
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String UNPARSEABLE = "unparseable";
    public static final String SKIPPED = "skipped";
    public static final List<String> ALL = List.of(OK, ERROR, UNPARSEABLE, SKIPPED);

    private Status() {}
  }
}
