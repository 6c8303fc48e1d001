package dev.mmsafety.udf.attack;

import java.util.Map;

/**
 * Turns one case into one probe. Implementations are stateless after construction (one instance per executor is
 * shared by all rows) and deterministic: the same case, params and {@link AttackContext#seed()} give byte-identical
 * images. Cases they cannot attack raise {@link AttackException}, which becomes a reject row.
 */
public interface Attack {
  /** The attack's registry name (docs/attacks.md). */
  String name();

  /** Bumped whenever output for the same input changes. */
  String version();

  /** Parameters after defaults, as recorded in attack_params (canonical JSON). */
  Map<String, Object> params();

  ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException;
}
