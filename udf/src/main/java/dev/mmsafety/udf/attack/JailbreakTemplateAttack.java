package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;

/**
 * Text jailbreak templates (the families JailBreakV-28K transfers from LLM jailbreaks: role-play, persuasion,
 * hypothetical/logic, refusal suppression, encodings) around the case's instruction, paired with an image carrier:
 * {@code blank} (white square), {@code noise} (seeded uniform noise), {@code case-image} (the case's own image;
 * a blank square when the case has none, noted) or {@code none} (text only).
 */
record JailbreakTemplateAttack(JailbreakTemplates.Template template, String carrier, int size)
    implements Attack.Behaviour {
  static final ComponentType<Attack.Factory> TYPE = Attack.type(
      "jailbreak-template", "1", "A text jailbreak template around the instruction, with an image carrier.",
      JailbreakTemplateAttack::create,
      Param.required("template", "a built-in template name, or a path/URI of a template file"),
      Param.choice("carrier", "blank", "white square, seeded noise, the case's own image, or text only",
          "blank", "noise", "case-image", "none"),
      Param.integer("carrier-size", 512, 16, 4096, "side of the blank or noise square, in pixels"));

  private static JailbreakTemplateAttack create(Params p) {
    String name = p.string("template");
    if (name == null) {
      throw p.bad("template", "is required (built-in: " + String.join(", ", JailbreakTemplates.BUILT_IN) + ")");
    }
    JailbreakTemplates.Template template = JailbreakTemplates.load(name, p.label());
    String carrier = p.choice("carrier");
    int size = carrier.equals("none") || carrier.equals("case-image") ? 512 : p.integer("carrier-size");
    return new JailbreakTemplateAttack(template, carrier, size);
  }

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    String instruction = c.requireInstruction();
    String note = c.fallbackNote("used");
    String text = template.fill(instruction);
    return switch (carrier) {
      case "none" -> new ProbeDraft(text, List.of(), null, note);
      case "noise" -> new ProbeDraft(text, List.of(ImagePart.png(ImageOps.noise(size, ctx.seed()), null)), null, note);
      case "case-image" -> c.hasImage()
          ? caseImage(text, c, ctx, note)
          : new ProbeDraft(
              text,
              List.of(ImagePart.png(ImageOps.blank(512), null)),
              null,
              join(note, "case has no image: blank carrier"));
      default -> new ProbeDraft(text, List.of(ImagePart.png(ImageOps.blank(size), null)), null, note);
    };
  }

  private static ProbeDraft caseImage(String text, CaseView c, AttackContext ctx, String note) throws AttackException {
    ImagePart image = ImageOps.passThrough(c, ctx);
    return new ProbeDraft(text, List.of(image), image.sha256(), note);
  }

  private static String join(String a, String b) {
    return a == null ? b : a + "; " + b;
  }
}
