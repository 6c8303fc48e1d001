package dev.mmsafety.udf.report;

/**
 * Decides how the sample browser shows an answer. With redaction on (the default), the answer to a harmful case,
 * or one any judge called unsafe, is covered: the page holds it but shows only its length until the reader clicks
 * to reveal that one answer. Benign answers are shown. Text is cut at {@link #MAX_CHARS}. To keep answer text out
 * of the page (and the tables) altogether, {@code report.response-text: hash} stores only its hash.
 */
public final class Redaction {
  public static final int MAX_CHARS = 1500;

  private Redaction() {}

  /**
   * How one answer appears.
   *
   * @param text the answer as shown (cut at MAX_CHARS), null when none is stored
   * @param covered hidden until revealed
   * @param chars length of the full answer
   * @param note why there is no text, or null
   */
  public record Answer(String text, boolean covered, int chars, String note) {}

  /**
   * @param textSha256 hash of the full text (from responses.text_sha256), may be null
   * @param anyUnsafe some judge said the answer is unsafe
   */
  public static Answer answer(String text, String textSha256, String polarity, boolean anyUnsafe, boolean redact) {
    if (text == null) {
      String hash = textSha256 == null ? "" : ", sha256 " + textSha256.substring(0, Math.min(16, textSha256.length()));
      return new Answer(null, false, 0, "No text stored for this response" + hash + ".");
    }
    String shown = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "\u2026" : text;
    return new Answer(shown, redact && ("harmful".equals(polarity) || anyUnsafe), text.length(), null);
  }
}
