package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import java.util.List;

/** The multi-modal linkage encodings as a one-shot attack: the instruction obscured in an image, decoded by the prompt. */
record LinkageAttack(LinkageEncoding encoding) implements Attack.Behaviour {
  static final ComponentType<Attack.Factory> TYPE = Attack.type(
      "linkage", "1", "Multi-modal linkage: the instruction drawn mirrored, upside down, as base64 or with code words,"
          + " and a decoding instruction.",
      p -> new LinkageAttack(LinkageEncoding.of(p.choice("encoding"))),
      Param.choice("encoding", "mirror", "how the drawn instruction is obscured",
          LinkageEncoding.keys().toArray(String[]::new)));

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    LinkageEncoding.Encoded e = encoding.encode(c.instruction());
    String note = c.hasSourceText() ? e.note() : join("no source_text: rendered prompt_text", e.note());
    return new ProbeDraft(e.prompt(), List.of(ImagePart.png(e.image(), null)), null, note);
  }

  private static String join(String a, String b) {
    return b == null || b.isBlank() ? a : a + "; " + b;
  }
}
