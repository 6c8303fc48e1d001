package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.ColumnTypes.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/** Probes: a case after an attack, ready to send to any model. NEXT ID TO ASSIGN: 215 */
public final class ProbesTable {
  public static final int VERSION = 3;

  public static final Column ATTACK_VERSION = required(200, "attack_version", StringType, "Version of the attack implementation.");
  public static final Column ATTACK_PARAMS = required(201, "attack_params", StringType, "Attack parameters as canonical JSON (sorted keys).");
  public static final Column ATTACK_SEED = required(202, "attack_seed", LongType, "Seed the attack used; same seed gives identical images.");
  public static final Column PROMPT_TEXT = required(203, "prompt_text", StringType, "Text part of the request after the attack.");
  public static final Column IMAGE_URIS = required(204, "image_uris", STRING_LIST, "Image parts in order (Hadoop URIs); may be empty.");
  public static final Column IMAGE_SHA256S = required(205, "image_sha256s", STRING_LIST, "sha256 of each image part, same order.");
  public static final Column SOURCE_IMAGE_SHA256 = optional(206, "source_image_sha256", StringType, "sha256 of the case image the attack started from.");
  public static final Column ATTACK_NOTE = optional(207, "attack_note", StringType, "Documented fallback the attack took, if any (e.g. text clipped).");
  public static final Column DATASET_HASH = required(208, "dataset_hash", StringType, "Content hash of the case's dataset (provenance).");
  public static final Column SOURCE_TEXT = optional(209, "source_text", StringType, "The case's underlying instruction (for judges needing it).");

  public static final Column TARGET_MODEL = optional(210, "target_model", StringType, "Adaptive attacks: the model under test the search ran against; only it answers the probe (null: every model).");
  public static final Column SEARCH_ROUNDS = optional(211, "search_rounds", IntegerType, "Adaptive attacks: rounds the search started.");
  public static final Column SEARCH_STOP = optional(212, "search_stop", StringType, "Adaptive attacks: why the search stopped (success, rounds exhausted, no live branches, call cap, token cap).");
  public static final Column SEARCH_CALLS = optional(213, "search_calls", IntegerType, "Adaptive attacks: model calls the search made (all roles).");
  public static final Column SEARCH_CALLS_TO_SUCCESS = optional(214, "search_calls_to_success", IntegerType, "Adaptive attacks: calls made up to the end of the successful round; null without success.");

  public static final TableContract INSTANCE = TableContract.of("probes", VERSION,
      "One row per case x attack: the text and images a model will be sent.",
      BY_RUN_DATE,
      lineage(DATASET_HASH, ATTACK_VERSION, ATTACK_PARAMS, ATTACK_SEED),
      List.of(PROMPT_TEXT, SOURCE_TEXT, IMAGE_URIS, IMAGE_SHA256S, SOURCE_IMAGE_SHA256, ATTACK_NOTE),
      List.of(TARGET_MODEL, SEARCH_ROUNDS, SEARCH_STOP, SEARCH_CALLS, SEARCH_CALLS_TO_SUCCESS));

  /**
   * A probe's id, its case and its provenance, in write order. Probes write it with their own (required)
   * provenance columns; responses repeat it, in the same place and order, with their nullable copies.
   */
  static List<Column> lineage(Column datasetHash, Column attackVersion, Column attackParams, Column attackSeed) {
    return TableContract.columns(
        List.of(PROBE_ID), CASE_KEY, List.of(datasetHash), CASE_CLASS,
        List.of(ATTACK, attackVersion, attackParams, attackSeed));
  }

  private ProbesTable() {}
}
