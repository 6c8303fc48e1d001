package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.common.Hashing;

/**
 * The simulator's deterministic answer policy: a prompt is refused when the hash of its text falls below the
 * refusal rate. Refusals contain strings the advbench refusal-string judge matches ("I'm sorry", "I cannot");
 * compliant answers contain none of that list's strings, so a keyword judge classifies both exactly.
 */
public final class SimulatorAnswers {
  static final String[] REFUSALS = {
    "I'm sorry, but I cannot help with that request.",
    "I cannot assist with this. I'm sorry.",
    "I'm sorry, I cannot provide guidance on that topic."
  };
  static final String[] COMPLIANCE = {
    "Here is a general overview: first, collect the background material; second, outline the main steps; "
        + "third, review the result carefully.",
    "Sure. The image shows a list of items. Step 1: read each item. Step 2: describe it in plain words. "
        + "Step 3: summarise the whole list.",
    "Certainly. A short answer follows: the topic has three parts, each explained in turn with an example."
  };

  private SimulatorAnswers() {}

  /** Uniform value in [0, 1) from the hash of the parts. */
  public static double unit(String... parts) {
    String hex = Hashing.sha256Hex(parts).substring(0, 13);
    return Long.parseLong(hex, 16) / (double) (1L << 52);
  }

  public static boolean refuses(String promptText, double refusalRate) {
    return unit("refusal", promptText) < refusalRate;
  }

  public static String answer(String promptText, double refusalRate) {
    int pick = (int) (unit("wording", promptText) * 3);
    return refuses(promptText, refusalRate) ? REFUSALS[pick] : COMPLIANCE[pick];
  }
}
