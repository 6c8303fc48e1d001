package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.ingest.VariantKinds;
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

  /**
   * The variant kinds each attack applies to when its spec names no variants: typographic attacks on text
   * variants (drawing the instruction into an image that already shows it would duplicate it), query-relevant
   * and HADES composition on plain images only (never a second banner), image transforms on any image, the rest on
   * all.
   */
  private static final java.util.Map<String, List<String>> DEFAULT_VARIANT_KINDS =
      java.util.Map.of(
          "none", VariantKinds.ALL,
          "figstep", List.of(VariantKinds.TEXT),
          "figstep-text", List.of(VariantKinds.TEXT),
          "query-relevant", List.of(VariantKinds.IMAGE),
          "hades", List.of(VariantKinds.IMAGE),
          "jailbreak-template", VariantKinds.ALL,
          "perturb", VariantKinds.WITH_IMAGE,
          "multi-image", VariantKinds.WITH_IMAGE,
          "precomputed", VariantKinds.ALL);

  /** Default variant kinds of attack {@code name} (all kinds for a name not listed). */
  public static List<String> defaultVariantKinds(String name) {
    return DEFAULT_VARIANT_KINDS.getOrDefault(name, VariantKinds.ALL);
  }

  private Attacks() {}

  public static Attack create(AttackSpec spec) {
    Registry.Made<Attack.Behaviour> made =
        REGISTRY.make(spec.label(), spec.name(), spec.params(), Attack.Factory::create);
    return new Attack(made.descriptor(), made.behaviour());
  }
}
