package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

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
public final class MetricsTable extends TableContract {
  public static final int VERSION = 4;
  public static final String ALL = "ALL";

  public static final Column METRIC = Column.required(500, "metric", StringType, "Metric name (see table doc).");
  public static final Column N = Column.required(
      501, "n", LongType, "Denominator: distinct requests (prompt + image hashes) with an ok verdict.");
  public static final Column K = Column.required(502, "k", LongType, "Numerator.");
  public static final Column RATE = Column.optional(503, "rate", DoubleType, "k / n; null when n = 0.");
  public static final Column CI_LOW = Column.optional(504, "ci_low", DoubleType, "Wilson 95% lower bound.");
  public static final Column CI_HIGH = Column.optional(505, "ci_high", DoubleType, "Wilson 95% upper bound.");
  public static final Column N_ERROR =
      Column.required(506, "n_error", LongType,
          "Verdicts with status error or skipped (excluded from n); rows not run under a budget cap are n_not_run.");
  public static final Column N_UNPARSEABLE =
      Column.required(507, "n_unparseable", LongType, "Verdicts with status unparseable (excluded from n).");
  public static final Column GROUPING =
      Column.required(508, "grouping", StringType, "Which dimensions are grouped, e.g. benchmark+category+attack.");
  public static final Column DETAIL =
      Column.optional(509, "detail", StringType, "Extra figures as JSON (e.g. paired test statistics).");

  public static final Column N_PROBES =
      Column.optional(510, "n_probes", LongType, "Verdicts with status ok, identical requests counted each time.");
  public static final Column K_PROBES =
      Column.optional(511, "k_probes", LongType, "Numerator over n_probes.");

  public static final Column N_NOT_RUN =
      Column.optional(514, "n_not_run", LongType,
          "Verdicts skipped because the response was not run (budget cap; excluded from n and n_error). Null for"
              + " paired deltas.");

  public static final Column SEARCH_ROUNDS = Column.optional(517, "search_rounds", IntegerType,
      "search_asr_at_rounds: the round limit r (k = searches that succeeded within r rounds).");
  public static final Column MEAN_ROUNDS_TO_SUCCESS = Column.optional(518, "mean_rounds_to_success", DoubleType,
      "search_asr_at_rounds: mean rounds of the successful searches of the group; null without success.");
  public static final Column MEAN_CALLS_TO_SUCCESS = Column.optional(519, "mean_calls_to_success", DoubleType,
      "search_asr_at_rounds: mean model calls (all roles) up to success; null without success.");

  public static final MetricsTable INSTANCE = new MetricsTable();

  private MetricsTable() {
    super(
        "metrics",
        VERSION,
        "Rates per model x benchmark x category x attack x defense x judge, with rollups marked ALL.",
        List.of(
            RUN_ID, GROUPING, BENCHMARK, DATASET, VARIANT, CANONICAL_CATEGORY, NATIVE_CATEGORY, ATTACK, DEFENSE,
            JUDGE, POLARITY, SIMULATOR, METRIC, N, K, N_PROBES, K_PROBES, RATE, CI_LOW, CI_HIGH, N_ERROR,
            N_UNPARSEABLE, N_NOT_RUN, SEARCH_ROUNDS, MEAN_ROUNDS_TO_SUCCESS, MEAN_CALLS_TO_SUCCESS, DETAIL, RUN_DATE,
            MODEL),
        List.of(RUN_DATE, MODEL));
  }
}
