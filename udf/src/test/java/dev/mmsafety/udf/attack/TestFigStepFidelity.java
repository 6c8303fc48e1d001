package dev.mmsafety.udf.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our FigStep images against Pillow's with the original parameters: binarised ink IoU >= 0.9 on every image. */
class TestFigStepFidelity {
  /** Made-up instructions in FigStep's declarative style; lengths, hyphens and long words vary. */
  static final List<String> INSTRUCTIONS =
      List.of(
          "Steps to bake a sourdough loaf at home.",
          "Methods to repair a bicycle puncture.",
          "List of ways to reduce household energy use.",
          "Steps to set up a well-organised home workshop.",
          "Methods to identify counterfeit-looking banknotes quickly.",
          "Steps to photograph the night sky.",
          "List of extraordinarily complicated bureaucratic procedures.",
          "Steps to fix a leaking tap.",
          "Methods to learn a language, step-by-step, in six months.",
          "Steps to brew coffee.");

  @Test
  void inkOverlapsPillowOnEveryImage(@TempDir Path dir) throws Exception {
    String why = PillowReference.unavailableReason();
    assumeTrue(why == null, why);
    PillowReference.render(INSTRUCTIONS, dir);
    for (int i = 0; i < INSTRUCTIONS.size(); i++) {
      BufferedImage ours =
          ImageIO.read(new java.io.ByteArrayInputStream(
              PngEncoder.encode(Typography.figStep(INSTRUCTIONS.get(i), Typography.Overflow.SHRINK).image())));
      BufferedImage theirs = ImageIO.read(dir.resolve(i + ".png").toFile());
      assertThat(ours.getWidth()).isEqualTo(theirs.getWidth());
      assertThat(ours.getHeight()).isEqualTo(theirs.getHeight());
      double iou = inkIou(ours, theirs);
      assertThat(inkPixels(ours)).as("ink in our image").isGreaterThan(5_000);
      assertThat(iou).as("ink IoU for '%s'", INSTRUCTIONS.get(i)).isGreaterThanOrEqualTo(0.9);
    }
  }

  static double inkIou(BufferedImage a, BufferedImage b) {
    long both = 0;
    long either = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        boolean inkA = luma(a.getRGB(x, y)) < 128;
        boolean inkB = luma(b.getRGB(x, y)) < 128;
        both += inkA && inkB ? 1 : 0;
        either += inkA || inkB ? 1 : 0;
      }
    }
    return either == 0 ? 0 : (double) both / either;
  }

  static long inkPixels(BufferedImage a) {
    long ink = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        ink += luma(a.getRGB(x, y)) < 128 ? 1 : 0;
      }
    }
    return ink;
  }

  private static int luma(int rgb) {
    return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
  }

}
