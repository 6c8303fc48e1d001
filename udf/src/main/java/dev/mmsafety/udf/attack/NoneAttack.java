package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;

/** The plain case: its prompt text and its own image, if any, passed through unchanged (nothing generated). */
final class NoneAttack implements Attack.Behaviour {
  static final ComponentType<Attack.Factory> TYPE =
      Attack.type("none", "1", "The case as it is: its prompt and its own image, if any (the baseline).", p -> new NoneAttack());

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    if (!c.hasImage()) {
      return new ProbeDraft(c.promptText(), List.of(), null, null);
    }
    ImagePart image = ImageOps.passThrough(c, ctx);
    return new ProbeDraft(c.promptText(), List.of(image), image.sha256(), null);
  }
}
