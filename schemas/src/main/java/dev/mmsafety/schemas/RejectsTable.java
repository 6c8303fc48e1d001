package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Input that could not become a row, with the reason. Every input item ends in a row or here. Partitioned by
 * stage too, so each stage replaces only its own rejects. NEXT ID TO ASSIGN: 608
 */
public final class RejectsTable {
  public static final int VERSION = 1;

  public static final Column STAGE = required(600, "stage", StringType, "Stage that rejected: ingest, attack, infer, judge, import.");
  public static final Column SOURCE_FILE = optional(601, "source_file", StringType, "File the item came from, relative to the dataset root.");
  public static final Column SOURCE_ROW = optional(602, "source_row", StringType, "Row number or JSON key/index of the item.");
  public static final Column FIELD = optional(603, "field", StringType, "Field at fault, if one is.");
  public static final Column REASON_CODE = required(604, "reason_code", StringType, "Stable reason code, e.g. image_missing, malformed_json, duplicate_id.");
  public static final Column REASON = required(605, "reason", StringType, "Human-readable reason.");
  public static final Column ITEM_ID = optional(606, "item_id", StringType, "Case or probe id when one could be formed.");
  public static final Column BENCHMARK_NAME = optional(607, "benchmark", StringType, "Benchmark format of the item.");

  public static final TableContract INSTANCE = TableContract.of("rejects", VERSION,
      "One row per rejected input item: file, row, field and reason.",
      List.of(RUN_DATE, STAGE),
      List.of(BENCHMARK_NAME, DATASET, SOURCE_FILE, SOURCE_ROW, FIELD),
      List.of(REASON_CODE, REASON, ITEM_ID));

  private RejectsTable() {}
}
