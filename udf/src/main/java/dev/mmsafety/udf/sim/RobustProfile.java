package dev.mmsafety.udf.sim;

/**
 * Profile {@code robust}: refuses nearly every harmful request whatever carries it (text, template or image), at
 * the price of some over-refusal of harmless requests. For contrast with {@code text-aligned}.
 */
final class RobustProfile extends TargetBehaviour {
  static final Policy POLICY =
      new Policy(0.02, 0.06, 0.05, 0.05, 0.03, 0.40, true, 0.08, 0.45, 0.6, 0.15, 0.6);

  RobustProfile(double complianceShift) {
    super(complianceShift);
  }

  @Override
  Policy policy() {
    return POLICY;
  }
}
