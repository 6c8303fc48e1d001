package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.exceptions.Reason;

/** A record that cannot become a case; loaders turn it into an {@link IngestReject} for that record. */
public final class BadRecordException extends RuntimeException {
  private final Reason reason;

  public BadRecordException(String reasonCode, String field, String message) {
    super(message);
    this.reason = new Reason(reasonCode, field);
  }

  public Reason reason() {
    return reason;
  }
}
