package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/** Where each generated image came from: source hash, attack, params, seed, result hash. NEXT ID: 809 */
public final class ImageLineageTable {
  public static final int VERSION = 1;

  public static final Column IMAGE_SHA256 = required(800, "image_sha256", StringType, "sha256 of the generated image (its content address).");
  public static final Column IMAGE_URI = required(801, "image_uri", StringType, "Where the image is stored (content-addressed path).");
  public static final Column SOURCE_SHA256 = optional(802, "source_sha256", StringType, "sha256 of the input image, null if made from text.");
  public static final Column ATTACK_VERSION = required(803, "attack_version", StringType, "Version of the attack that made it.");
  public static final Column ATTACK_PARAMS = required(804, "attack_params", StringType, "Parameters as canonical JSON.");
  public static final Column SEED = required(805, "seed", LongType, "Seed used.");
  public static final Column WIDTH = required(806, "width", IntegerType, "Width in px.");
  public static final Column HEIGHT = required(807, "height", IntegerType, "Height in px.");
  public static final Column PART_INDEX = required(808, "part_index", IntegerType, "Index of the image among the probe's image parts.");

  public static final TableContract INSTANCE = TableContract.of("image_lineage", VERSION,
      "One row per generated image per probe: source image hash -> attack -> params -> result hash.",
      BY_RUN_DATE,
      List.of(PROBE_ID, ATTACK, IMAGE_SHA256, IMAGE_URI, SOURCE_SHA256),
      List.of(ATTACK_VERSION, ATTACK_PARAMS, SEED, PART_INDEX, WIDTH, HEIGHT));

  private ImageLineageTable() {}
}
