package dev.mmsafety.udf.exceptions;

/** A checked exception that says why with a {@link Reason}: a stable code, and the input field at fault if any. */
public abstract class ReasonException extends Exception {
  private final Reason reason;

  protected ReasonException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
