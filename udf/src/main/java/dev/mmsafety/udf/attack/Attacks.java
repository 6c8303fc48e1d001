package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Params;
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
              PrecomputedAttack.TYPE));

  public static final List<String> NAMES = REGISTRY.names();

  private Attacks() {}

  public static Attack create(AttackSpec spec) {
    ComponentType<Attack.Factory> type = REGISTRY.find(spec.label(), spec.name());
    Params p = type.reader(spec.label(), spec.params());
    Attack.Behaviour behaviour = type.factory().create(p);
    return new Attack(type.describe(type.name(), p.done()), behaviour);
  }
}
