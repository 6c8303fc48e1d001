package dev.mmsafety.udf.attack;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Seeded image perturbations of the case image, with the case's prompt unchanged: gaussian-noise (sigma), jpeg
 * (quality; the decoded JPEG is stored as PNG so the artefacts are kept exactly), blur (radius), rotate (degrees),
 * resize (scale; down and back up), low-contrast (factor). Cases without an image are rejects (image_missing).
 */
final class PerturbAttack implements Attack {
  static final String NAME = "perturb";

  private final Map<String, Object> params;
  private final String kind;
  private final double amount;

  PerturbAttack(AttackParams p) {
    this.kind = p.choice("kind", "gaussian-noise", "gaussian-noise", "jpeg", "blur", "rotate", "resize", "low-contrast");
    this.amount =
        switch (kind) {
          case "gaussian-noise" -> p.number("sigma", 16, 0.1, 255);
          case "jpeg" -> p.integer("quality", 30, 1, 100);
          case "blur" -> p.integer("radius", 2, 1, 50);
          case "rotate" -> p.number("degrees", 15, -360, 360);
          case "resize" -> p.number("scale", 0.5, 0.01, 1);
          default -> p.number("factor", 0.4, 0.01, 1);
        };
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
    ImageOps.Loaded source = ImageOps.loadCaseImage(c, ctx);
    BufferedImage in = source.image();
    BufferedImage out =
        switch (kind) {
          case "gaussian-noise" -> ImageOps.gaussianNoise(in, amount, ctx.seed());
          case "jpeg" -> ImageOps.decode(ImageOps.jpeg(in, (int) amount), "jpeg re-encode");
          case "blur" -> ImageOps.blur(in, (int) amount);
          case "rotate" -> ImageOps.rotate(in, amount);
          case "resize" -> ImageOps.resize(in, amount, true);
          default -> ImageOps.lowContrast(in, amount);
        };
    return new ProbeDraft(c.promptText(), List.of(ImagePart.png(out, source.sha256())), source.sha256(), null);
  }
}
