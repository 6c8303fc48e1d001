package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;

/** Where each generated image came from: source hash, attack, params, seed, result hash. NEXT ID: 809 */
public final class ImageLineageTable extends TableContract {
  public static final int VERSION = 1;

  public static final Column IMAGE_SHA256 =
      Column.required(800, "image_sha256", StringType, "sha256 of the generated image (its content address).");
  public static final Column IMAGE_URI =
      Column.required(801, "image_uri", StringType, "Where the image is stored (content-addressed path).");
  public static final Column SOURCE_SHA256 =
      Column.optional(802, "source_sha256", StringType, "sha256 of the input image, null if made from text.");
  public static final Column ATTACK_VERSION =
      Column.required(803, "attack_version", StringType, "Version of the attack that made it.");
  public static final Column ATTACK_PARAMS =
      Column.required(804, "attack_params", StringType, "Parameters as canonical JSON.");
  public static final Column SEED = Column.required(805, "seed", LongType, "Seed used.");
  public static final Column WIDTH = Column.required(806, "width", IntegerType, "Width in px.");
  public static final Column HEIGHT = Column.required(807, "height", IntegerType, "Height in px.");
  public static final Column PART_INDEX =
      Column.required(808, "part_index", IntegerType, "Index of the image among the probe's image parts.");

  public static final ImageLineageTable INSTANCE = new ImageLineageTable();

  private ImageLineageTable() {
    super(
        "image_lineage",
        VERSION,
        "One row per generated image per probe: source image hash -> attack -> params -> result hash.",
        List.of(
            RUN_ID, PROBE_ID, ATTACK, IMAGE_SHA256, IMAGE_URI, SOURCE_SHA256, ATTACK_VERSION, ATTACK_PARAMS, SEED,
            PART_INDEX, WIDTH, HEIGHT, RUN_DATE),
        List.of(RUN_DATE));
  }
}
