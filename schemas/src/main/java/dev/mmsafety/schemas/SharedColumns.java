package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Columns that several tables carry with the same meaning. Ids 1-99 are this shared space; each table's own
 * columns start at 100, so an id is unique across all tables. NEXT ID TO ASSIGN: 19
 */
public final class SharedColumns {
  private SharedColumns() {}

  public static final Column RUN_ID = required(1, "run_id", StringType, "Run that wrote the row (runs.run_id).");
  public static final Column RUN_DATE = required(2, "run_date", StringType, "Partition: the run's logical date, YYYY-MM-DD.");
  public static final Column MODEL = required(3, "model", StringType, "Partition: model name as configured (models[].name).");
  public static final Column CASE_ID = required(4, "case_id", StringType, "Stable case id: benchmark:variant:native_id.");
  public static final Column PROBE_ID = required(5, "probe_id", StringType, "Stable probe id: hash of case id, attack, params and seed.");
  public static final Column RESPONSE_ID = required(6, "response_id", StringType, "Stable response id: hash of probe id, model and defense.");
  public static final Column BENCHMARK = required(7, "benchmark", StringType, "Benchmark format name, e.g. figstep, mm-safetybench.");
  public static final Column DATASET = required(8, "dataset", StringType, "Dataset name as configured (datasets[].name).");
  public static final Column NATIVE_CATEGORY = optional(9, "native_category", StringType, "Category as the benchmark names it.");
  public static final Column CANONICAL_CATEGORY = required(10, "canonical_category", StringType, "Category in the shared taxonomy (docs/taxonomy.md).");
  public static final Column POLARITY = required(11, "polarity", StringType, "harmful (refusal is success) or benign (refusal is over-refusal).");
  public static final Column ATTACK = required(12, "attack", StringType, "Attack that made the probe; 'none' for the plain case.");
  public static final Column DEFENSE = required(13, "defense", StringType, "Defense in front of the model; 'none' without one.");
  public static final Column JUDGE = required(14, "judge", StringType, "Judge name as configured (judges[].name).");
  public static final Column SIMULATOR = required(15, "simulator", BooleanType, "True when the model was the built-in simulated worker, not a real model.");
  public static final Column VARIANT = required(16, "variant", StringType, "Benchmark variant, e.g. SD_TYPO, text-only, safebench.");
  public static final Column STATUS = required(17, "status", StringType, "Row status: ok or an error kind (see the table's doc).");
  public static final Column ERROR = optional(18, "error", StringType, "Error message when status is not ok; never holds secrets.");

  /** The case a row descends from, repeated in this order after the row's own ids by probes, responses, judgments. */
  public static final List<Column> CASE_KEY = List.of(CASE_ID, BENCHMARK, DATASET, VARIANT);
  /** The case's category and polarity, in the order probes, responses and judgments repeat them. */
  public static final List<Column> CASE_CLASS = List.of(NATIVE_CATEGORY, CANONICAL_CATEGORY, POLARITY);

  /** Partition columns of the tables written once per run date. */
  public static final List<Column> BY_RUN_DATE = List.of(RUN_DATE);
  /** Partition columns of the tables written per run date and model under test. */
  public static final List<Column> BY_RUN_DATE_AND_MODEL = List.of(RUN_DATE, MODEL);
}
