package dev.mmsafety.udf.sim;

/**
 * Profile {@code attacker}: the adaptive attacks' attacker (pair, tap). It answers the attacker template with the
 * JSON object it asks for, walking a fixed ladder of strategies (plain, role play, hypothetical framing, an image
 * carrier request): the rung is the request's sampling seed (one per search node) plus the attacker's earlier turns,
 * so streams and branches differ, and the same request always gets the same proposal ({@link SimAdaptiveModels}).
 */
final class AttackerProfile implements SimBehaviour {
  /** How each of the attacker's own earlier answers begins (one per assistant turn). */
  private static final String TURN = "{\"improvement\"";

  @Override
  public SimAnswer answer(SimRequest request) {
    String earlier = request.assistantText();
    int turns = 0;
    for (int i = earlier.indexOf(TURN); i >= 0; i = earlier.indexOf(TURN, i + 1)) {
      turns++;
    }
    long seed = request.seed() == null ? 0 : request.seed();
    return SimAnswer.of(SimAdaptiveModels.attacker(seed, turns, request.systemText()));
  }
}
