package dev.mmsafety.udf.metrics;

import static dev.mmsafety.schemas.SharedColumns.ATTACK;
import static dev.mmsafety.schemas.SharedColumns.BENCHMARK;
import static dev.mmsafety.schemas.SharedColumns.CANONICAL_CATEGORY;
import static dev.mmsafety.schemas.SharedColumns.DATASET;
import static dev.mmsafety.schemas.SharedColumns.DEFENSE;
import static dev.mmsafety.schemas.SharedColumns.JUDGE;
import static dev.mmsafety.schemas.SharedColumns.NATIVE_CATEGORY;
import static dev.mmsafety.schemas.SharedColumns.VARIANT;

import dev.mmsafety.schemas.Column;
import java.util.List;

/**
 * The grouping sets of the metrics table. Every row is also grouped by run and model (always); the dimensions of
 * a set are grouped, the others rolled up to {@code ALL}. A dimension is the shared column of the same name in the
 * judgments and metrics tables (variant: SD, SD_TYPO, text-only, ...; image cases and text baselines are never
 * pooled per benchmark). The grouping column holds the set's name, the grouped dimensions joined by '+', so a BI
 * query picks one level with {@code WHERE grouping = '...'}.
 */
public final class Groupings {
  /** Every dimension that can be rolled up, in column order. */
  public static final List<Column> DIMENSIONS =
      List.of(BENCHMARK, DATASET, VARIANT, CANONICAL_CATEGORY, NATIVE_CATEGORY, ATTACK, DEFENSE, JUDGE);

  public static final List<Column> FINEST = DIMENSIONS;
  public static final List<Column> BENCHMARK_ATTACK_DEFENSE_JUDGE =
      List.of(BENCHMARK, DATASET, VARIANT, ATTACK, DEFENSE, JUDGE);
  public static final List<Column> CATEGORY_ATTACK_DEFENSE_JUDGE = List.of(CANONICAL_CATEGORY, ATTACK, DEFENSE, JUDGE);
  public static final List<Column> ATTACK_DEFENSE_JUDGE = List.of(ATTACK, DEFENSE, JUDGE);
  public static final List<Column> DEFENSE_JUDGE = List.of(DEFENSE, JUDGE);
  public static final List<Column> JUDGE_ONLY = List.of(JUDGE);
  /** The adaptive searches' ASR-at-k rows (metric search_asr_at_rounds). */
  public static final List<Column> ATTACK_ONLY = List.of(ATTACK);

  /** Grouping sets of the rate metrics. */
  public static final List<List<Column>> RATES =
      List.of(
          FINEST,
          BENCHMARK_ATTACK_DEFENSE_JUDGE,
          CATEGORY_ATTACK_DEFENSE_JUDGE,
          ATTACK_DEFENSE_JUDGE,
          DEFENSE_JUDGE,
          JUDGE_ONLY);

  /** Grouping sets of the paired defense deltas (defense and judge are always grouped there). */
  public static final List<List<Column>> PAIRED =
      List.of(BENCHMARK_ATTACK_DEFENSE_JUDGE, ATTACK_DEFENSE_JUDGE, DEFENSE_JUDGE);

  private Groupings() {}

  public static String name(List<Column> set) {
    return String.join("+", set.stream().map(Column::name).toList());
  }
}
