package dev.mmsafety.udf.metrics;

import java.util.List;

/**
 * The grouping sets of the metrics table. Every row is also grouped by run and model (always); the dimensions of
 * a set are grouped, the others rolled up to {@code ALL}. The grouping column holds the set's name, the grouped
 * dimensions joined by '+', so a BI query picks one level with {@code WHERE grouping = '...'}.
 */
public final class Groupings {
  public static final String BENCHMARK = "benchmark";
  public static final String DATASET = "dataset";
  /** Benchmark variant (SD, SD_TYPO, text-only, ...): image cases and text baselines are never pooled per benchmark. */
  public static final String VARIANT = "variant";
  public static final String CANONICAL = "canonical_category";
  public static final String NATIVE = "native_category";
  public static final String ATTACK = "attack";
  public static final String DEFENSE = "defense";
  public static final String JUDGE = "judge";

  /** Every dimension that can be rolled up, in column order. */
  public static final List<String> DIMENSIONS = List.of(BENCHMARK, DATASET, VARIANT, CANONICAL, NATIVE, ATTACK, DEFENSE, JUDGE);

  public static final List<String> FINEST = DIMENSIONS;
  public static final List<String> BENCHMARK_ATTACK_DEFENSE_JUDGE =
      List.of(BENCHMARK, DATASET, VARIANT, ATTACK, DEFENSE, JUDGE);
  public static final List<String> CATEGORY_ATTACK_DEFENSE_JUDGE = List.of(CANONICAL, ATTACK, DEFENSE, JUDGE);
  public static final List<String> ATTACK_DEFENSE_JUDGE = List.of(ATTACK, DEFENSE, JUDGE);
  public static final List<String> DEFENSE_JUDGE = List.of(DEFENSE, JUDGE);
  public static final List<String> JUDGE_ONLY = List.of(JUDGE);

  /** Grouping sets of the rate metrics. */
  public static final List<List<String>> RATES =
      List.of(
          FINEST,
          BENCHMARK_ATTACK_DEFENSE_JUDGE,
          CATEGORY_ATTACK_DEFENSE_JUDGE,
          ATTACK_DEFENSE_JUDGE,
          DEFENSE_JUDGE,
          JUDGE_ONLY);

  /** Grouping sets of the paired defense deltas (defense and judge are always grouped there). */
  public static final List<List<String>> PAIRED =
      List.of(BENCHMARK_ATTACK_DEFENSE_JUDGE, ATTACK_DEFENSE_JUDGE, DEFENSE_JUDGE);

  private Groupings() {}

  public static String name(List<String> set) {
    return String.join("+", set);
  }
}
