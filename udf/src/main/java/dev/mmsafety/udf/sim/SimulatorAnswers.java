package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.common.Hashing;
import java.util.List;

/**
 * The simulator's deterministic choices: every "random" decision (fault injection, service jitter, whether a
 * profile complies, which wording it picks) is a uniform value from a hash of the request's content and a purpose
 * word, so the same request gets the same answer on every run and machine.
 */
public final class SimulatorAnswers {
  private SimulatorAnswers() {}

  /** Uniform value in [0, 1) from the hash of the parts. */
  public static double unit(String... parts) {
    String hex = Hashing.sha256Hex(parts).substring(0, 13);
    return Long.parseLong(hex, 16) / (double) (1L << 52);
  }

  /** One of {@code options}, chosen by the hash of the parts. */
  static <T> T pick(List<T> options, String... parts) {
    return options.get((int) (unit(parts) * options.size()));
  }
}
