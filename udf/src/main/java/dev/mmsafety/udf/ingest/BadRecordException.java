package dev.mmsafety.udf.ingest;

/** A record that cannot become a case; loaders turn it into an {@link IngestReject} for that record. */
public final class BadRecordException extends RuntimeException {
  private final String reasonCode;
  private final String field;

  public BadRecordException(String reasonCode, String field, String message) {
    super(message);
    this.reasonCode = reasonCode;
    this.field = field;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String field() {
    return field;
  }
}
