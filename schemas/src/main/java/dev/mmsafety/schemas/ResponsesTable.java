package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.ColumnTypes.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Model responses: one row per probe x model x defense. Status values: ok, client_error, server_error, timeout,
 * io_error, bad_response, breaker_open, budget_exhausted, blocked (a defense refused in the model's place: input guard,
 * output guard in refuse mode), content_filtered (finish_reason content_filter with no content), image_rejected (the
 * model's image-limits refused an image; nothing was sent). ok, blocked, content_filtered, image_rejected and
 * budget_exhausted are outcomes, not errors. NEXT ID TO ASSIGN: 324 (issue 15 holds up to 327; 330-334 used)
 */
public final class ResponsesTable {
  public static final int VERSION = 3;

  public static final Column DEFENSE_VERSION = required(300, "defense_version", StringType, "Version of the defense implementation.");
  public static final Column DEFENSE_PARAMS = required(301, "defense_params", StringType, "Defense parameters as canonical JSON.");
  public static final Column MODEL_ID = required(302, "model_id", StringType, "Model name the server was asked for.");
  public static final Column ENDPOINT = optional(303, "endpoint", StringType, "Endpoint name that answered (config name, never a key).");
  public static final Column GEN_PARAMS = required(304, "gen_params", StringType, "Generation parameters as canonical JSON.");
  public static final Column REQUEST_ID = required(305, "request_id", StringType, "Cache key: hash of model, revision (when set), generation params and messages.");
  public static final Column TEXT = optional(306, "text", StringType, "Answer text (see redaction options).");
  public static final Column FINISH_REASON = optional(307, "finish_reason", StringType, "finish_reason from the server.");
  public static final Column PROMPT_TOKENS = optional(308, "prompt_tokens", IntegerType, "usage.prompt_tokens from the server.");
  public static final Column COMPLETION_TOKENS = optional(309, "completion_tokens", IntegerType, "usage.completion_tokens from the server.");
  public static final Column LATENCY_MS = optional(310, "latency_ms", LongType, "Wall time of the successful (or last) attempt, ms.");
  public static final Column HTTP_STATUS = optional(311, "http_status", IntegerType, "HTTP status of the last attempt; null without a response.");
  public static final Column ATTEMPTS = required(312, "attempts", IntegerType, "HTTP attempts made (0 for a cache hit).");
  public static final Column CACHE_HIT = required(313, "cache_hit", BooleanType, "True when the answer came from the response cache.");
  public static final Column DEFENSE_TRACE = optional(314, "defense_trace", StringType, "What the defense did, as JSON (guard verdicts, captions).");
  public static final Column SOURCE = required(315, "source", StringType, "generated (called a model) or imported (import-responses).");
  public static final Column HUMAN_LABELS = optional(316, "human_labels", STRING_MAP, "Imported human labels by annotator.");
  public static final Column TEXT_SHA256 = optional(317, "text_sha256", StringType, "sha256 of the answer text (kept when text is redacted).");
  public static final Column ATTACK_VERSION = optional(318, "attack_version", StringType, "Attack version of the probe (provenance).");
  public static final Column ATTACK_PARAMS = optional(319, "attack_params", StringType, "Attack parameters of the probe (provenance).");
  public static final Column ATTACK_SEED = optional(320, "attack_seed", LongType, "Attack seed of the probe (provenance).");
  public static final Column DATASET_HASH = optional(321, "dataset_hash", StringType, "Content hash of the case's dataset (provenance).");

  public static final Column ANSWER_CHANNEL = optional(322, "answer_channel", StringType, "Where the text came from: content, refusal (message.refusal), content_filter, tool_calls or empty; null when the text is not the model's own answer (errors, blocked, rewritten, imported).");
  public static final Column TOOL_CALLS = optional(323, "tool_calls", StringType, "message.tool_calls of the answer as JSON; null without any.");
  public static final Column REVISION = optional(330, "revision", StringType, "Model revision (models[].revision, plus the server's root from GET /models under cache-scope revision).");
  public static final Column REUSED_FROM_RUN_ID = optional(331, "reused_from_run_id", StringType, "For a cache hit, the run id the answer was first received in; null for an answer called in this run.");
  public static final Column REUSED_FROM_RUN_DATE = optional(332, "reused_from_run_date", StringType, "Run date of reused_from_run_id.");

  public static final TableContract INSTANCE = TableContract.of("responses", VERSION,
      "One row per probe x model x defense: what the model answered, or why it did not.",
      BY_RUN_DATE_AND_MODEL,
      List.of(RESPONSE_ID),
      ProbesTable.lineage(DATASET_HASH, ATTACK_VERSION, ATTACK_PARAMS, ATTACK_SEED),
      List.of(DEFENSE, DEFENSE_VERSION, DEFENSE_PARAMS),
      List.of(MODEL_ID, REVISION, ENDPOINT, SIMULATOR, GEN_PARAMS, REQUEST_ID),
      List.of(STATUS, ERROR, TEXT, TEXT_SHA256, ANSWER_CHANNEL, TOOL_CALLS, FINISH_REASON),
      List.of(PROMPT_TOKENS, COMPLETION_TOKENS, LATENCY_MS, HTTP_STATUS, ATTEMPTS),
      List.of(CACHE_HIT, REUSED_FROM_RUN_ID, REUSED_FROM_RUN_DATE),
      List.of(DEFENSE_TRACE, SOURCE, HUMAN_LABELS));

  private ResponsesTable() {}
}
