package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.exceptions.ConfigException;

/** Creates defenses by name. Unknown names are config errors naming the defense. */
public final class Defenses {
  private Defenses() {}

  public static final java.util.List<String> NAMES =
      java.util.List.of(
          NoDefense.NAME, ShieldDefense.NAME, EcsoDefense.NAME, InputGuardDefense.NAME, OutputGuardDefense.NAME,
          PurifyDefense.NAME);

  public static Defense create(DefenseSpec spec) {
    DefenseParams p = new DefenseParams(spec.label(), spec.params());
    return switch (spec.name() == null ? "" : spec.name()) {
      case NoDefense.NAME -> {
        p.done();
        yield new NoDefense();
      }
      case ShieldDefense.NAME -> new ShieldDefense(p);
      case EcsoDefense.NAME -> new EcsoDefense(p);
      case InputGuardDefense.NAME -> new InputGuardDefense(p);
      case OutputGuardDefense.NAME -> new OutputGuardDefense(p);
      case PurifyDefense.NAME -> new PurifyDefense(p);
      default -> throw new ConfigException(
          "Cannot create defense " + spec.label() + ": unknown name '" + spec.name() + "' (known: "
              + String.join(", ", NAMES) + ")");
    };
  }
}
