package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Params;
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
    ComponentType<Defense.Factory> type = REGISTRY.find(spec.label(), spec.name());
    Params p = type.reader(spec.label(), spec.params());
    Defense.Behaviour behaviour = type.factory().create(p);
    return new Defense(type.describe(type.name(), p.done()), behaviour);
  }
}
