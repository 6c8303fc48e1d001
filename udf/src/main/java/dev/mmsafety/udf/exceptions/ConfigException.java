package dev.mmsafety.udf.exceptions;

/**
 * A user error in configuration or input selection (unknown name, missing path, malformed config). The CLI prints
 * its message as one line and exits non-zero, so the message must name the item: "Cannot X: <item>: <reason>".
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
