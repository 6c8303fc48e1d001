package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * This run against a baseline run, per metrics group present in both: the rate delta with a two-sided
 * two-proportion z-test. A row is flagged when p &lt; alpha and delta &gt; threshold (the rate went up by more than
 * the threshold; for asr that is a regression). NEXT ID TO ASSIGN: 1017
 */
public final class RegressionsTable {
  public static final int VERSION = 2;

  public static final Column BASELINE_RUN_ID = required(1000, "baseline_run_id", StringType, "Run compared against.");
  public static final Column BASELINE_RUN_DATE = required(1001, "baseline_run_date", StringType, "run_date of the baseline run.");
  public static final Column GROUPING = required(1002, "grouping", StringType, "Grouped dimensions, as metrics.grouping.");
  public static final Column METRIC = required(1003, "metric", StringType, "Metric compared, e.g. asr.");
  public static final Column N = required(1004, "n", LongType, "This run's n.");
  public static final Column K = required(1005, "k", LongType, "This run's k.");
  public static final Column RATE = required(1006, "rate", DoubleType, "This run's rate.");
  public static final Column BASELINE_N = required(1007, "baseline_n", LongType, "Baseline n.");
  public static final Column BASELINE_K = required(1008, "baseline_k", LongType, "Baseline k.");
  public static final Column BASELINE_RATE = required(1009, "baseline_rate", DoubleType, "Baseline rate.");
  public static final Column DELTA = required(1010, "delta", DoubleType, "rate - baseline_rate.");
  public static final Column Z = required(1011, "z", DoubleType, "Pooled two-proportion z statistic.");
  public static final Column P_VALUE = required(1012, "p_value", DoubleType, "Two-sided p-value of z.");
  public static final Column THRESHOLD = required(1013, "threshold", DoubleType, "Smallest delta that is flagged (configured).");
  public static final Column ALPHA = required(1014, "alpha", DoubleType, "Significance level (0.05).");
  public static final Column SIGNIFICANT = required(1015, "significant", BooleanType, "p_value < alpha.");
  public static final Column FLAGGED = required(1016, "flagged", BooleanType, "significant and delta > threshold: a regression.");

  public static final TableContract INSTANCE = TableContract.of("regressions", VERSION,
      "Per metrics group, this run's rate against a baseline run's, with a two-proportion z-test and a flag.",
      BY_RUN_DATE_AND_MODEL,
      List.of(BASELINE_RUN_ID, BASELINE_RUN_DATE, GROUPING),
      MetricsTable.GROUP_COLUMNS,
      List.of(METRIC, N, K, RATE, BASELINE_N, BASELINE_K, BASELINE_RATE),
      List.of(DELTA, Z, P_VALUE, THRESHOLD, ALPHA, SIGNIFICANT, FLAGGED));

  private RegressionsTable() {}
}
