package dev.mmsafety.schemas;

import static dev.mmsafety.schemas.Column.*;
import static dev.mmsafety.schemas.SharedColumns.*;
import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;

/**
 * Adaptive attacks (pair, tap): one row per search node, i.e. per attacker proposal. Issue 14 owns ids 1100-1199.
 * NEXT ID TO ASSIGN: 1112
 */
public final class AttackRoundsTable {
  public static final int VERSION = 2;

  public static final Column STREAM = required(1100, "stream", IntegerType, "Root conversation the node descends from (0-based).");
  public static final Column NODE = required(1101, "node", IntegerType, "Node id within the case's search.");
  public static final Column PARENT = optional(1102, "parent", IntegerType, "Node this one refines; null for a stream's first proposal.");
  public static final Column ROUND = required(1103, "round", IntegerType, "1-based round (TAP: depth).");
  public static final Column ATTACKER_PROMPT = optional(1104, "attacker_prompt", StringType, "The attacker's proposal; null when its answer had none.");
  public static final Column CARRIER_SHA256 = optional(1105, "carrier_sha256", StringType, "sha256 of the carrier image the target saw; null for text.");
  public static final Column TARGET_RESPONSE_ID = optional(1106, "target_response_id", StringType, "Request id of the target's answer (cache key).");
  public static final Column SCORE = optional(1107, "score", IntegerType, "1-10 score: the evaluator's rating or the scorer judge's mapped verdict; null when not rated or unparseable.");
  public static final Column PRUNED = required(1108, "pruned", BooleanType, "The node was cut (off topic, low score, failure, cap).");
  public static final Column WHY = optional(1109, "why", StringType, "Why it was pruned, or a note on a tolerated problem.");
  public static final Column IMPROVEMENT = optional(1110, "improvement", StringType, "The attacker's stated reason for the change.");
  public static final Column SCORER_VERDICT = optional(1111, "scorer_verdict", StringType, "The scorer judge's verdict (or its status when not ok) that gave the score; null when the evaluator rated.");

  public static final TableContract INSTANCE = TableContract.of("attack_rounds", VERSION,
      "One row per adaptive-search node (pair, tap): proposal, carrier, target answer, rating, pruning.",
      BY_RUN_DATE,
      List.of(CASE_ID, MODEL, ATTACK),
      List.of(STREAM, NODE, PARENT, ROUND),
      List.of(ATTACKER_PROMPT, IMPROVEMENT, CARRIER_SHA256, TARGET_RESPONSE_ID),
      List.of(SCORE, SCORER_VERDICT, PRUNED, WHY));

  private AttackRoundsTable() {}
}
