package dev.mmsafety.udf.attack;

import java.util.List;
import java.util.Map;

/** The plain case: its prompt text and its own image, if any, passed through unchanged (nothing generated). */
final class NoneAttack implements Attack {
  static final String NAME = "none";

  NoneAttack(AttackParams params) {
    params.done();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of();
  }

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    if (!c.hasImage()) {
      return new ProbeDraft(c.promptText(), List.of(), null, null);
    }
    ImagePart image = ImageOps.passThrough(c, ctx);
    return new ProbeDraft(c.promptText(), List.of(image), image.sha256(), null);
  }
}
