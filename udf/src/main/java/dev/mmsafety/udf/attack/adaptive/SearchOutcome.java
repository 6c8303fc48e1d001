package dev.mmsafety.udf.attack.adaptive;

import java.util.List;

/**
 * A finished search: every node, the best one (the probe this case contributes) or why there is none.
 *
 * @param best the highest-rated node the target answered (ties: the earliest); null when no node reached the target
 * @param rejectReason why there is no best node (null when there is one)
 * @param success some rating reached the success score
 * @param stopReason success, rounds exhausted, no live branches, call cap or token cap
 * @param rounds rounds started
 * @param calls model calls made (all roles)
 * @param tokens prompt plus completion tokens reported
 * @param callsToSuccess calls made up to the end of the successful round (null without success)
 */
public record SearchOutcome(
    List<SearchStep> steps,
    SearchStep best,
    String rejectReason,
    boolean success,
    String stopReason,
    int rounds,
    int calls,
    long tokens,
    Integer callsToSuccess) {
  public static final String SUCCESS = "success";
  public static final String ROUNDS_EXHAUSTED = "rounds exhausted";
  public static final String NO_LIVE_BRANCHES = "no live branches";
  public static final String CALL_CAP = "call cap";
  public static final String TOKEN_CAP = "token cap";

  public SearchOutcome {
    steps = List.copyOf(steps);
  }
}
