package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.Hashing;

/** Per-probe seeds derived from the run seed, so re-running a config reproduces every image. */
public final class Seeds {
  private Seeds() {}

  /** A non-negative seed from the run seed, case id and attack label (design.md "Conventions"). */
  public static long derive(long runSeed, String caseId, String attackLabel) {
    String hex = Hashing.sha256Hex(Long.toString(runSeed), caseId, attackLabel);
    return Long.parseUnsignedLong(hex.substring(0, 16), 16) & Long.MAX_VALUE;
  }
}
