package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.exceptions.Reason;
import dev.mmsafety.udf.exceptions.ReasonException;

/**
 * An attack could not make a probe from one case (unrenderable text, missing or corrupt image). It becomes a row
 * of rejects (stage attack) with its {@link #reason()}, never a crashed task.
 */
public final class AttackException extends ReasonException {
  public AttackException(String reasonCode, String message) {
    this(reasonCode, null, message);
  }

  /** {@code field} is the case field at fault (e.g. image_uri, source_text), or null. */
  public AttackException(String reasonCode, String field, String message) {
    super(new Reason(reasonCode, field), message);
  }
}
