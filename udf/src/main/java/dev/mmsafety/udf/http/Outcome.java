package dev.mmsafety.udf.http;

/** The result of one asynchronous call: a value, or the error that replaced it. */
public record Outcome<T>(T value, Throwable error) {
  public static <T> Outcome<T> of(T value) {
    return new Outcome<>(value, null);
  }

  public static <T> Outcome<T> failed(Throwable error) {
    return new Outcome<>(null, error);
  }

  public boolean ok() {
    return error == null;
  }
}
