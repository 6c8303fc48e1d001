package dev.mmsafety.udf.exceptions;

/** Arguments that conflict with each other or with existing state (e.g. an output root that is not ours). */
public class ValidationException extends ConfigException {
  public ValidationException(String message) {
    super(message);
  }
}
