package dev.mmsafety.udf.attack.adaptive;

/**
 * The shape and limits of one adaptive search (the same engine for PAIR and TAP).
 *
 * @param streams root conversations per case (PAIR's parallel streams; TAP's roots)
 * @param branching attacker proposals per live node and round (PAIR: 1)
 * @param width live nodes kept after each round's low-score pruning (PAIR: = streams, so nothing is pruned)
 * @param rounds rounds (PAIR's iterations, TAP's depth)
 * @param onTopic ask the evaluator whether each proposal is on the goal before the target sees it (PAIR: no)
 * @param successScore a rating at or above this ends the search as a success (PAIR and TAP: 10)
 * @param maxCalls per-case cap on model calls of all three roles
 * @param maxTokens per-case cap on prompt plus completion tokens reported by the servers
 */
public record SearchSettings(
    int streams, int branching, int width, int rounds, boolean onTopic, int successScore, int maxCalls, long maxTokens) {
  public SearchSettings {
    positive("streams", streams);
    positive("branching", branching);
    positive("width", width);
    positive("rounds", rounds);
    positive("max-calls", maxCalls);
    positive("max-tokens", maxTokens);
    if (successScore < 1 || successScore > 10) {
      throw new IllegalArgumentException("Invalid success-score: " + successScore);
    }
  }

  /** PAIR: TAP with branching 1, width = streams and no on-topic pruning. */
  public static SearchSettings pair(int streams, int rounds, int successScore, int maxCalls, long maxTokens) {
    return new SearchSettings(streams, 1, streams, rounds, false, successScore, maxCalls, maxTokens);
  }

  private static void positive(String name, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("Invalid " + name + ": " + value);
    }
  }
}
