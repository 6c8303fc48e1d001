package dev.mmsafety.udf.attack;

/**
 * An attack could not make a probe from one case (unrenderable text, missing or corrupt image). It becomes a row
 * of rejects (stage attack) with {@link #reasonCode()}, never a crashed task.
 */
public final class AttackException extends Exception {
  private final String reasonCode;
  private final String field;

  public AttackException(String reasonCode, String message) {
    this(reasonCode, null, message);
  }

  public AttackException(String reasonCode, String field, String message) {
    super(message);
    this.reasonCode = reasonCode;
    this.field = field;
  }

  public String reasonCode() {
    return reasonCode;
  }

  /** The case field at fault (e.g. image_uri, source_text), or null. */
  public String field() {
    return field;
  }
}
