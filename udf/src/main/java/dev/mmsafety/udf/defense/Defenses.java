package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.exceptions.ConfigException;

/** Creates defenses by name. Unknown names are config errors naming the defense. */
public final class Defenses {
  private Defenses() {}

  public static Defense create(DefenseSpec spec) {
    return switch (spec.name()) {
      case NoDefense.NAME -> new NoDefense();
      default -> throw new ConfigException("Cannot create defense " + spec.label() + ": unknown name '" + spec.name() + "'");
    };
  }
}
