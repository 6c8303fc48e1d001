package dev.mmsafety.udf.sim;

/**
 * Profile {@code naive}: complies with almost everything, harmful or not, and gives advice without a disclaimer;
 * a safety system prompt barely changes it. For contrast with {@code text-aligned}.
 */
final class NaiveProfile extends TargetBehaviour {
  static final Policy POLICY =
      new Policy(0.92, 0.97, 0.97, 0.95, 0.90, 0.97, false, 0.0, 0.03, 0.9, 0.01, 0.05);

  NaiveProfile(double complianceShift) {
    super(complianceShift);
  }

  @Override
  Policy policy() {
    return POLICY;
  }

  /** Of the simulated attacker's strategies it yields to every strategy but the plain request. */
  @Override
  java.util.List<String> yieldsTo() {
    return java.util.List.of("role-play", "hypothetical", "image-carrier");
  }
}
