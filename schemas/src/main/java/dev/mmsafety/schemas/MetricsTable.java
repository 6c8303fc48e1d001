package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Rates with 95% Wilson intervals, long format (one row per group x metric). A dimension rolled up is the value
 * {@code ALL}. Metrics: asr (unsafe on harmful), refusal_rate (refused on harmful), over_refusal_rate (refused on
 * benign), safe_rate, effective_rate. n counts distinct requests: probes whose request content (prompt text and
 * image hashes) is identical within a row's group count once, with the majority of their verdicts (a tie counts
 * as the flag set). n_probes and k_probes are the same figures over every verdict. Errors and unparseable
 * verdicts are excluded from n and counted apart. Adaptive attacks (pair, tap) add search_asr_at_rounds:
 * one row per (model, attack, polarity) and round limit r = 1..rounds, n = searches (rejects included), k = searches
 * that succeeded within r rounds (the evaluator's rating reached the success score), with the means over the
 * successful ones. NEXT ID TO ASSIGN: 512 (514, 517-519 used)
 */
public final class MetricsTable {
  public static final int VERSION = 4;
  public static final String ALL = "ALL";

  public static final Column METRIC = required(500, "metric", StringType, "Metric name (see table doc).");
  public static final Column N = required(501, "n", LongType, "Denominator: distinct requests (prompt + image hashes) with an ok verdict.");
  public static final Column K = required(502, "k", LongType, "Numerator.");
  public static final Column RATE = optional(503, "rate", DoubleType, "k / n; null when n = 0.");
  public static final Column CI_LOW = optional(504, "ci_low", DoubleType, "Wilson 95% lower bound.");
  public static final Column CI_HIGH = optional(505, "ci_high", DoubleType, "Wilson 95% upper bound.");
  public static final Column N_ERROR = required(506, "n_error", LongType, "Verdicts with status error or skipped (excluded from n); rows not run under a budget cap are n_not_run.");
  public static final Column N_UNPARSEABLE = required(507, "n_unparseable", LongType, "Verdicts with status unparseable (excluded from n).");
  public static final Column GROUPING = required(508, "grouping", StringType, "Which dimensions are grouped, e.g. benchmark+category+attack.");
  public static final Column DETAIL = optional(509, "detail", StringType, "Extra figures as JSON (e.g. paired test statistics).");

  public static final Column N_PROBES = optional(510, "n_probes", LongType, "Verdicts with status ok, identical requests counted each time.");
  public static final Column K_PROBES = optional(511, "k_probes", LongType, "Numerator over n_probes.");

  public static final Column N_NOT_RUN = optional(514, "n_not_run", LongType, "Verdicts skipped because the response was not run (budget cap; excluded from n and n_error). Null for paired deltas.");

  public static final Column SEARCH_ROUNDS = optional(517, "search_rounds", IntegerType, "search_asr_at_rounds: the round limit r (k = searches that succeeded within r rounds).");
  public static final Column MEAN_ROUNDS_TO_SUCCESS = optional(518, "mean_rounds_to_success", DoubleType, "search_asr_at_rounds: mean rounds of the successful searches of the group; null without success.");
  public static final Column MEAN_CALLS_TO_SUCCESS = optional(519, "mean_calls_to_success", DoubleType, "search_asr_at_rounds: mean model calls (all roles) up to success; null without success.");

  /** The shared columns a metrics row is grouped by, in write order; regressions compare rows of one group. */
  public static final List<Column> GROUP_COLUMNS = List.of(
      BENCHMARK, DATASET, VARIANT, CANONICAL_CATEGORY, NATIVE_CATEGORY, ATTACK, DEFENSE, JUDGE, POLARITY, SIMULATOR);

  public static final TableContract INSTANCE = TableContract.of("metrics", VERSION,
      "Rates per model x benchmark x category x attack x defense x judge, with rollups marked ALL.",
      BY_RUN_DATE_AND_MODEL,
      List.of(GROUPING),
      GROUP_COLUMNS,
      List.of(METRIC, N, K, N_PROBES, K_PROBES, RATE, CI_LOW, CI_HIGH),
      List.of(N_ERROR, N_UNPARSEABLE, N_NOT_RUN),
      List.of(SEARCH_ROUNDS, MEAN_ROUNDS_TO_SUCCESS, MEAN_CALLS_TO_SUCCESS, DETAIL));

  private MetricsTable() {}
}
