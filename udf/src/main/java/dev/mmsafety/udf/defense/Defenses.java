package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.registry.Registry;
import java.util.List;

/** Creates defenses by name (docs/defenses.md). Unknown names and bad params are config errors naming the defense. */
public final class Defenses {
  /** Every defense type, in documentation order. */
  public static final Registry<Defense.Factory> REGISTRY =
      new Registry<>(
          "defense",
          "name",
          List.of(
              NoDefense.TYPE, ShieldDefense.TYPE, EcsoDefense.TYPE, InputGuardDefense.TYPE, OutputGuardDefense.TYPE,
              PurifyDefense.TYPE));

  public static final List<String> NAMES = REGISTRY.names();

  private Defenses() {}

  public static Defense create(DefenseSpec spec) {
    Registry.Made<Defense.Behaviour> made =
        REGISTRY.make(spec.label(), spec.name(), spec.params(), Defense.Factory::create);
    return new Defense(made.descriptor(), made.behaviour());
  }
}
