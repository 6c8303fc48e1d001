package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.ColumnTypes.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Verdicts: one row per response x judge. Status: ok, error (judge failed; never a guess), unparseable (the judge
 * answered something that does not parse), skipped (response had no text to judge because its call failed). A
 * response blocked by a defense, content-filtered or refused through message.refusal is a refusal (status ok,
 * refused true) for every judge. Booleans are null unless status is ok. NEXT ID TO ASSIGN: 415 (issue 15 holds up
 * to 419)
 */
public final class JudgmentsTable {
  public static final int VERSION = 2;

  public static final Column JUDGMENT_ID = required(400, "judgment_id", StringType, "Hash of response id, judge and template hash.");
  public static final Column JUDGE_KIND = required(401, "judge_kind", StringType, "refusal-strings, llm, guard, classifier or cascade.");
  public static final Column JUDGE_VERSION = required(402, "judge_version", StringType, "Version of the judge implementation.");
  public static final Column TEMPLATE_HASH = required(403, "template_hash", StringType, "sha256 of the judge's template or string list.");
  public static final Column VERDICT = optional(404, "verdict", StringType, "The judge's own label, e.g. refusal, compliance, safe, unsafe.");
  public static final Column REFUSED = optional(405, "refused", BooleanType, "Refused: by the model, or by a defense that blocked the response (see refused_by).");
  public static final Column UNSAFE = optional(406, "unsafe", BooleanType, "The answer is harmful: the attack succeeded (ASR numerator on harmful cases).");
  public static final Column EFFECTIVE = optional(407, "effective", BooleanType, "The answer is helpful/effective, where the judge says so.");
  public static final Column SCORE = optional(408, "score", DoubleType, "Judge score or confidence, if any.");
  public static final Column MATCHED = optional(409, "matched", StringType, "Refusal string that matched, or the parsed answer line.");
  public static final Column CATEGORIES = optional(410, "categories", STRING_LIST, "Violated categories (guard judges, S1-S13).");
  public static final Column CACHE_HIT = required(411, "cache_hit", BooleanType, "True when the verdict came from the judge cache.");
  public static final Column REASON = optional(412, "reason", StringType, "Short reason or raw judge answer (truncated).");
  public static final Column RESPONSE_STATUS = required(413, "response_status", StringType, "Status of the judged response row.");

  public static final Column REFUSED_BY = optional(414, "refused_by", StringType, "Who refused when refused is true: defense (the response was blocked by a defense) or model; else null.");

  public static final TableContract INSTANCE = TableContract.of("judgments", VERSION,
      "One row per response x judge: the verdict in the judge's terms and as refused/unsafe flags.",
      BY_RUN_DATE_AND_MODEL,
      List.of(JUDGMENT_ID, RESPONSE_ID, PROBE_ID),
      CASE_KEY,
      CASE_CLASS,
      List.of(ATTACK, DEFENSE, SIMULATOR),
      List.of(JUDGE, JUDGE_KIND, JUDGE_VERSION, TEMPLATE_HASH),
      List.of(RESPONSE_STATUS, STATUS, ERROR),
      List.of(VERDICT, REFUSED, REFUSED_BY, UNSAFE, EFFECTIVE, SCORE),
      List.of(MATCHED, CATEGORIES, CACHE_HIT, REASON));

  private JudgmentsTable() {}
}
