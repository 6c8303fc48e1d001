package dev.mmsafety.udf.ingest;

import java.io.Serializable;

/**
 * One input item that did not become a case, with a stable reason code (see docs/benchmarks-formats.md):
 * malformed_json, malformed_csv, missing_field, wrong_type, unknown_field, duplicate_id, path_escapes_root,
 * image_missing, image_corrupt, image_too_large, image_unsupported, missing_file.
 */
public record IngestReject(
    String benchmark,
    String dataset,
    String sourceFile,
    String sourceRow,
    String field,
    String reasonCode,
    String reason,
    String itemId)
    implements Serializable {

  public static final String MALFORMED_JSON = "malformed_json";
  public static final String MALFORMED_CSV = "malformed_csv";
  public static final String MALFORMED_PARQUET = "malformed_parquet";
  public static final String MISSING_FIELD = "missing_field";
  public static final String WRONG_TYPE = "wrong_type";
  public static final String UNKNOWN_FIELD = "unknown_field";
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String PATH_ESCAPES_ROOT = "path_escapes_root";
  public static final String BAD_VALUE = "bad_value";
  public static final String PROMPT_TOO_LONG = "prompt_too_long";
  public static final String INVALID_UTF8 = "invalid_utf8";
  public static final String UNKNOWN_CATEGORY = "unknown_category";
  public static final String HOST_NOT_ALLOWED = "host_not_allowed";
}
