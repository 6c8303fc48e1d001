package dev.mmsafety.udf.attack.adaptive;

/**
 * One node of a finished search, as an attack_rounds row records it.
 *
 * @param node the node's id within the case (creation order)
 * @param parent the node it refines, or null for a stream's first proposal
 * @param stream the root conversation it descends from (0-based)
 * @param round 1-based round (TAP: depth)
 * @param attackerPrompt the prompt the attacker proposed (null when its answer had none)
 * @param improvement the attacker's stated reason for the change (may be null)
 * @param carrierSha256 hash of the carrier image the target saw (null for a text carrier)
 * @param targetResponseId request id of the target's answer (null when the target was not asked or failed)
 * @param targetResponse the target's answer text
 * @param score the 1-10 score: the evaluator's rating or the scorer judge's mapped verdict (null when not rated or
 *     unparseable)
 * @param scorerVerdict the scorer judge's verdict (or its status when not ok); null when the evaluator rated
 * @param pruned the node was cut and not expanded further
 * @param why the reason it was pruned, or a note on a tolerated problem (null when neither)
 */
public record SearchStep(
    int node,
    Integer parent,
    int stream,
    int round,
    String attackerPrompt,
    String improvement,
    String carrierSha256,
    String targetResponseId,
    String targetResponse,
    Integer score,
    String scorerVerdict,
    boolean pruned,
    String why) {}
