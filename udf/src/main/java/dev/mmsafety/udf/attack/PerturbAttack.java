package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.ingest.VariantKinds;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

/**
 * Seeded image perturbations of the case image, with the case's prompt unchanged: gaussian-noise (sigma), jpeg
 * (quality; the decoded JPEG is stored as PNG so the artefacts are kept exactly), blur (radius), rotate (degrees),
 * resize (scale; down and back up), low-contrast (factor). Cases without an image are rejects (image_missing).
 * Rotation grows the canvas to fit the rotated image for typographic variants by default (their text reaches
 * the edges: a same-size canvas crops it off) and keeps the size for photos; {@code canvas} chooses.
 */
record PerturbAttack(String kind, double amount, String canvas) implements Attack.Behaviour {
  /** The one parameter each kind reads. */
  private static final Map<String, String> AMOUNT =
      Map.of("gaussian-noise", "sigma", "jpeg", "quality", "blur", "radius", "rotate", "degrees", "resize", "scale",
          "low-contrast", "factor");

  static final ComponentType<Attack.Factory> TYPE = Attack.type(
      "perturb", "2", "A seeded perturbation of the case image; the case prompt unchanged.",
      PerturbAttack::create,
      Param.choice("kind", "gaussian-noise", "the perturbation; each kind reads its one parameter below",
          "gaussian-noise", "jpeg", "blur", "rotate", "resize", "low-contrast"),
      Param.number("sigma", 16, 0.1, 255, "gaussian-noise: per-channel standard deviation"),
      Param.integer("quality", 30, 1, 100, "jpeg: encoder quality (decoded and stored as PNG)"),
      Param.integer("radius", 2, 1, 50, "blur: radius (sigma = radius / 2)"),
      Param.number("degrees", 15, -360, 360, "rotate: angle about the centre"),
      Param.choice("canvas", "auto", "rotate: expand to fit the rotated image, keep the same size, or auto"
          + " (expand for typographic variants, same for the rest)", "auto", "expand", "same"),
      Param.number("scale", 0.5, 0.01, 1, "resize: down by this factor, then back up"),
      Param.number("factor", 0.4, 0.01, 1, "low-contrast: v' = 128 + factor (v - 128)"));

  private static PerturbAttack create(Params p) {
    String kind = p.choice("kind");
    // Only rotate reads canvas, so the other kinds' attack_params (hence probe ids) stay as they were.
    return new PerturbAttack(kind, p.amount(AMOUNT.get(kind)), kind.equals("rotate") ? p.choice("canvas") : "same");
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
          case "rotate" -> ImageOps.rotate(in, amount, expands(c));
          case "resize" -> ImageOps.resize(in, amount, true);
          default -> ImageOps.lowContrast(in, amount);
        };
    return new ProbeDraft(c.promptText(), List.of(ImagePart.png(out, source.sha256())), source.sha256(), null);
  }

  private boolean expands(CaseView c) {
    return switch (canvas) {
      case "expand" -> true;
      case "same" -> false;
      default -> VariantKinds.TYPOGRAPHIC.equals(AttackScope.kind(c.benchmark(), c.variant(), c.hasImage()));
    };
  }
}
