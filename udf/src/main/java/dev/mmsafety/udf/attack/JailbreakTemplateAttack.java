package dev.mmsafety.udf.attack;

import java.util.List;
import java.util.Map;

/**
 * Text jailbreak templates (the families JailBreakV-28K transfers from LLM jailbreaks: role-play, persuasion,
 * hypothetical/logic, refusal suppression, encodings) around the case's instruction, paired with an image carrier:
 * {@code blank} (white square), {@code noise} (seeded uniform noise), {@code case-image} (the case's own image;
 * a blank square when the case has none, noted) or {@code none} (text only).
 */
final class JailbreakTemplateAttack implements Attack {
  static final String NAME = "jailbreak-template";

  private final Map<String, Object> params;
  private final JailbreakTemplates.Template template;
  private final String carrier;
  private final int size;

  JailbreakTemplateAttack(AttackParams p) {
    String name = p.string("template", null);
    if (name == null) {
      throw p.bad("template", "is required (built-in: " + String.join(", ", JailbreakTemplates.BUILT_IN) + ")");
    }
    this.template = JailbreakTemplates.load(name, p.label());
    this.carrier = p.choice("carrier", "blank", "blank", "noise", "case-image", "none");
    this.size = carrier.equals("none") || carrier.equals("case-image") ? 512 : p.integer("carrier-size", 512, 16, 4096);
    this.params = p.done();
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
    return params;
  }

  @Override
  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    String instruction = c.instruction();
    if (instruction == null || instruction.isBlank()) {
      throw new AttackException("text_empty", "source_text", "Cannot attack case " + c.caseId() + ": no instruction text");
    }
    String note = c.hasSourceText() ? null : "no source_text: used prompt_text";
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
