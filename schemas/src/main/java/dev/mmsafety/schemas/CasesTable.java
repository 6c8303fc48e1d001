package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.ColumnTypes.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/** Evaluation cases from every benchmark in one comparable shape. NEXT ID TO ASSIGN: 127 */
public final class CasesTable {
  public static final int VERSION = 2;

  public static final Column SPLIT = optional(100, "split", StringType, "Benchmark split or file, e.g. safebench, tiny, test.");
  public static final Column NATIVE_ID = required(101, "native_id", StringType, "The benchmark's own id for the item.");
  public static final Column PROMPT_TEXT = required(102, "prompt_text", StringType, "Text sent to the model for the plain (unattacked) case.");
  public static final Column SOURCE_TEXT = optional(103, "source_text", StringType, "Underlying instruction attacks render or rewrite (e.g. FigStep instruction).");
  public static final Column KEY_PHRASE = optional(104, "key_phrase", StringType, "Key phrase for query-relevant typography, where given.");
  public static final Column IMAGE_URI = optional(105, "image_uri", StringType, "Image location as a Hadoop URI; null for text-only cases.");
  public static final Column IMAGE_SHA256 = optional(106, "image_sha256", StringType, "sha256 of the image bytes, hex.");
  public static final Column IMAGE_WIDTH = optional(107, "image_width", IntegerType, "Image width in px, as shown (after the EXIF orientation).");
  public static final Column IMAGE_HEIGHT = optional(108, "image_height", IntegerType, "Image height in px, as shown.");
  public static final Column IMAGE_FORMAT = optional(109, "image_format", StringType, "Image format from the bytes (not the name): png, jpeg, gif, bmp, webp, tiff.");
  public static final Column IMAGE_BYTES = optional(110, "image_bytes", LongType, "Image size in bytes.");
  public static final Column REFERENCE_ANSWER = optional(111, "reference_answer", StringType, "Benchmark's reference answer (SIUO), where given.");
  public static final Column SAFETY_WARNING = optional(112, "safety_warning", StringType, "Benchmark's safety warning (SIUO), where given.");
  public static final Column OPTIONS = optional(113, "options", STRING_MAP, "Multiple-choice options by letter (SIUO mcqa).");
  public static final Column CORRECT_OPTION = optional(114, "correct_option", StringType, "Correct option letter, where given.");
  public static final Column EXPECTED_LABEL = optional(115, "expected_label", StringType, "Benchmark's expected label (e.g. XSTest safe/unsafe).");
  public static final Column DATASET_HASH = required(116, "dataset_hash", StringType, "sha256 over the dataset's metadata files (provenance).");
  public static final Column SOURCE_FILE = required(117, "source_file", StringType, "File the case came from, relative to the dataset root.");
  public static final Column SOURCE_ROW = required(118, "source_row", StringType, "Row number (CSV/JSONL, 1-based data rows) or JSON key/index.");
  public static final Column EXTRA = optional(119, "extra", STRING_MAP, "Native fields not mapped to a column, as text.");

  public static final Column IMAGE_ORIENTATION = optional(124, "image_orientation", IntegerType, "EXIF orientation (1-8) applied at ingest so the image is upright; 1 = shown as stored.");
  public static final Column IMAGE_COLOR_SPACE = optional(125, "image_color_space", StringType, "Stored colour model: rgb, rgba, gray, gray-alpha, palette, cmyk, ycck (-16: 16-bit); decoded to sRGB.");
  public static final Column IMAGE_NAME_FORMAT = optional(126, "image_name_format", StringType, "Format the file name claims when it differs from the bytes (e.g. png for a WebP named .png); else null.");

  public static final TableContract INSTANCE = TableContract.of("cases", VERSION,
      "One row per evaluation case, any benchmark; the input of the attack stage.",
      BY_RUN_DATE,
      List.of(CASE_ID, BENCHMARK, DATASET, SPLIT, VARIANT, NATIVE_ID),
      List.of(NATIVE_CATEGORY, CANONICAL_CATEGORY, POLARITY),
      List.of(PROMPT_TEXT, SOURCE_TEXT, KEY_PHRASE),
      List.of(IMAGE_URI, IMAGE_SHA256, IMAGE_WIDTH, IMAGE_HEIGHT, IMAGE_FORMAT, IMAGE_BYTES),
      List.of(IMAGE_ORIENTATION, IMAGE_COLOR_SPACE, IMAGE_NAME_FORMAT),
      List.of(REFERENCE_ANSWER, SAFETY_WARNING, OPTIONS, CORRECT_OPTION, EXPECTED_LABEL),
      List.of(DATASET_HASH, SOURCE_FILE, SOURCE_ROW, EXTRA));

  private CasesTable() {}
}
