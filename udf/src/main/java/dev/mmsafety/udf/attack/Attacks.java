package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.List;

/** Creates attacks by name (docs/attacks.md). Unknown names and bad params are one-line config errors. */
public final class Attacks {
  public static final List<String> NAMES =
      List.of(
          NoneAttack.NAME,
          FigStepAttack.NAME,
          FigStepTextAttack.NAME,
          QueryRelevantAttack.NAME,
          HadesAttack.NAME,
          JailbreakTemplateAttack.NAME,
          PerturbAttack.NAME,
          MultiImageAttack.NAME,
          PrecomputedAttack.NAME);

  private Attacks() {}

  public static Attack create(AttackSpec spec) {
    if (spec.name() == null || spec.name().isBlank()) {
      throw new ConfigException("Cannot create attack " + spec.label() + ": name is required");
    }
    AttackParams p = new AttackParams(spec.label(), spec.params());
    return switch (spec.name()) {
      case NoneAttack.NAME -> new NoneAttack(p);
      case FigStepAttack.NAME -> new FigStepAttack(p);
      case FigStepTextAttack.NAME -> new FigStepTextAttack(p);
      case QueryRelevantAttack.NAME -> new QueryRelevantAttack(p);
      case HadesAttack.NAME -> new HadesAttack(p);
      case JailbreakTemplateAttack.NAME -> new JailbreakTemplateAttack(p);
      case PerturbAttack.NAME -> new PerturbAttack(p);
      case MultiImageAttack.NAME -> new MultiImageAttack(p);
      case PrecomputedAttack.NAME -> new PrecomputedAttack(p);
      default -> throw new ConfigException(
          "Cannot create attack " + spec.label() + ": unknown name '" + spec.name() + "' (known: " + String.join(", ", NAMES) + ")");
    };
  }
}
