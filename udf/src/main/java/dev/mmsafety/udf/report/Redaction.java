package dev.mmsafety.udf.report;

/**
 * Decides what of a response the report may show. With redaction on (the default), the text of a response to a
 * harmful case, or one any judge called unsafe, is replaced by its length and hash; benign answers are shown.
 * Shown text is cut at {@link #MAX_CHARS}.
 */
public final class Redaction {
  public static final int MAX_CHARS = 600;

  private Redaction() {}

  /**
   * @param textSha256 hash of the full text (from responses.text_sha256), may be null
   * @param anyUnsafe some judge said the answer is unsafe
   */
  public static ReportData.Sample sample(
      String model, String caseId, String attack, String defense, String polarity, String verdicts, String text,
      String textSha256, boolean anyUnsafe, boolean redact) {
    String hash = textSha256 == null ? "" : ", sha256 " + textSha256.substring(0, Math.min(16, textSha256.length()));
    if (text == null) {
      return new ReportData.Sample(model, caseId, attack, defense, polarity, verdicts, null,
          "No text stored for this response" + hash + ".");
    }
    if (redact && ("harmful".equals(polarity) || anyUnsafe)) {
      return new ReportData.Sample(model, caseId, attack, defense, polarity, verdicts, null,
          "[REDACTED: " + text.length() + " characters" + hash + "]");
    }
    String shown = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\u2026" : text;
    return new ReportData.Sample(model, caseId, attack, defense, polarity, verdicts, shown, null);
  }
}
