package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.registry.Registry;
import java.util.List;

/** Creates attacks by name (docs/attacks.md). Unknown names and bad params are one-line config errors. */
public final class Attacks {
  /** Every attack type, in documentation order. */
  public static final Registry<Attack.Factory> REGISTRY =
      new Registry<>(
          "attack",
          "name",
          List.of(
              NoneAttack.TYPE,
              FigStepAttack.TYPE,
              FigStepTextAttack.TYPE,
              QueryRelevantAttack.TYPE,
              HadesAttack.TYPE,
              JailbreakTemplateAttack.TYPE,
              PerturbAttack.TYPE,
              MultiImageAttack.TYPE,
              LinkageAttack.TYPE,
              PrecomputedAttack.TYPE));

  public static final List<String> NAMES = REGISTRY.names();
  /** FigStep's benign fill-in request (our wording), shared with the adaptive attacks' figstep carrier. */
  public static final String FIGSTEP_PROMPT = FigStepAttack.PROMPT_DEFAULT;

  private Attacks() {}

  public static Attack create(AttackSpec spec) {
    Registry.Made<Attack.Behaviour> made =
        REGISTRY.make(spec.label(), spec.name(), spec.params(), Attack.Factory::create);
    return new Attack(made.descriptor(), made.behaviour());
  }
}
