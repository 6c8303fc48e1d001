package dev.mmsafety.udf.sim;

/**
 * Profile {@code text-aligned} (the default): a model whose safety training covers text but not images, as the
 * MLLM safety surveys find. It refuses most plainly harmful text requests, partly yields to jailbreak framings,
 * follows instructions written inside images far more often, over-refuses some harmless requests with alarming
 * words, and becomes more careful (and more over-cautious) under a safety system prompt. Blurring or re-encoding a
 * typographic image leaves it readable, so purification does not help; answering from a caption turns the image's
 * instruction back into text, where the alignment applies, so ECSO does.
 */
final class TextAlignedProfile extends TargetBehaviour {
  static final Policy POLICY =
      new Policy(0.12, 0.45, 0.85, 0.70, 0.20, 0.75, true, 0.03, 0.25, 0.35, 0.15, 0.70);

  TextAlignedProfile(double complianceShift) {
    super(complianceShift);
  }

  @Override
  Policy policy() {
    return POLICY;
  }

  /** Of the simulated attacker's strategies it yields to hypothetical framing. */
  @Override
  java.util.List<String> yieldsTo() {
    return java.util.List.of("hypothetical");
  }
}
