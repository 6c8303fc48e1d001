package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.ColumnTypes.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/** One row per run attempt: what ran, with which config and code, and how it ended. NEXT ID TO ASSIGN: 714 */
public final class RunsTable {
  public static final int VERSION = 2;

  public static final Column CONFIG_HASH = required(700, "config_hash", StringType, "sha256 of the resolved config (secrets are only env names).");
  public static final Column CODE_VERSION = required(701, "code_version", StringType, "mmsafety version and git commit, if known.");
  public static final Column STARTED_AT = required(702, "started_at", TimestampType, "Run start (UTC).");
  public static final Column ENDED_AT = optional(703, "ended_at", TimestampType, "Run end (UTC).");
  public static final Column RUN_STATUS = required(704, "status", StringType, "running, succeeded, partial (stopped by a budget cap) or failed.");
  public static final Column RUN_ERROR = optional(705, "error", StringType, "Why the run failed.");
  public static final Column COUNTS = required(706, "counts", LONG_MAP, "Row counts per table and stage.");
  public static final Column OUTPUT_ROOT = required(707, "output_root", StringType, "Output root URI.");
  public static final Column CONFIG_JSON = required(708, "config_json", StringType, "The resolved config as JSON (holds no secrets).");
  public static final Column COMMAND = required(709, "command", StringType, "quickstart, run or nightly.");
  public static final Column BUDGET_CAPS = optional(710, "budget_caps", StringType, "The budget cap(s) rows ran into, e.g. inference.max-requests=40; null unless partial.");
  public static final Column NOT_RUN = optional(711, "not_run", LONG_MAP, "Rows (probe x model x defense) not run because of a budget cap, by dataset.");
  public static final Column REUSED_FROM = optional(712, "reused_from", LONG_MAP, "Answers reused from the response cache, by the run id they were first answered in (other runs only).");
  public static final Column CACHE_SCOPE = optional(713, "cache_scope", StringType, "inference.cache-scope of the run: run or revision.");

  public static final TableContract INSTANCE = TableContract.of("runs", VERSION,
      "One row per run: config hash, code version, start/end, status and counts.",
      BY_RUN_DATE,
      List.of(COMMAND, CONFIG_HASH, CODE_VERSION),
      List.of(STARTED_AT, ENDED_AT, RUN_STATUS, RUN_ERROR, SIMULATOR),
      List.of(COUNTS, OUTPUT_ROOT, CONFIG_JSON),
      List.of(BUDGET_CAPS, NOT_RUN, REUSED_FROM, CACHE_SCOPE));

  private RunsTable() {}
}
