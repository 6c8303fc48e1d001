package dev.mmsafety.udf.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our typography against Pillow running the original generators' parameters (typography_pillow.py) on the texts
 * of fixtures/typography (written for this test): binarised ink IoU >= 0.95 on every image, for FigStep (default
 * overflow: clip) and MM-SafetyBench's TYPO banner. Prints "fidelity KIND: ..." lines with mean and minimum.
 */
class TestTypographyFidelity {
  static final double MIN_IOU = 0.95;

  /** The instructions and key phrases ('\n' in the files stands for a newline). */
  static List<String> texts() throws IOException {
    List<String> out = new ArrayList<>();
    for (String file : List.of("instructions.txt", "key-phrases.txt")) {
      try (InputStream in = TestTypographyFidelity.class.getResourceAsStream("/fixtures/typography/" + file)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (!line.isEmpty() && !line.startsWith("#")) {
            out.add(line.replace("\\n", "\n"));
          }
        }
      }
    }
    return out;
  }

  @Test
  void figStepInkOverlapsPillowOnEveryImage(@TempDir Path dir) throws Exception {
    List<String> texts = texts();
    assertThat(texts).hasSizeGreaterThanOrEqualTo(300);
    compare(PillowReference.Kind.FIGSTEP, texts, dir, t -> Typography.figStep(t, Typography.Overflow.CLIP).image());
  }

  @Test
  void bannerInkOverlapsPillowOnEveryImage(@TempDir Path dir) throws Exception {
    // No reference for multi-line text (the original's textlength raises on it) nor tabs (Pillow draws the font's
    // missing-glyph box for them; we draw a space).
    List<String> texts = texts().stream().filter(t -> !t.contains("\n") && !t.contains("\t")).toList();
    assertThat(texts).hasSizeGreaterThanOrEqualTo(300);
    compare(PillowReference.Kind.TYPO, texts, dir, t -> Typography.banner(t).image());
  }

  interface Renderer {
    BufferedImage render(String text) throws AttackException;
  }

  private static void compare(PillowReference.Kind kind, List<String> texts, Path dir, Renderer ours) throws Exception {
    String why = PillowReference.unavailableReason();
    assumeTrue(why == null, why);
    PillowReference.render(kind, texts, dir);
    double sum = 0;
    double min = Double.MAX_VALUE;
    String worst = null;
    for (int i = 0; i < texts.size(); i++) {
      BufferedImage mine = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(ours.render(texts.get(i)))));
      BufferedImage theirs = ImageIO.read(dir.resolve(i + ".png").toFile());
      assertThat(mine.getWidth()).as("width for '%s'", texts.get(i)).isEqualTo(theirs.getWidth());
      assertThat(mine.getHeight()).as("height for '%s'", texts.get(i)).isEqualTo(theirs.getHeight());
      assertThat(inkPixels(mine)).as("ink in our image of '%s'", texts.get(i)).isGreaterThan(1_000);
      double iou = inkIou(mine, theirs);
      sum += iou;
      if (iou < min) {
        min = iou;
        worst = texts.get(i);
      }
    }
    System.out.printf(
        "fidelity %s: %d images, ink IoU mean %.4f, min %.4f (%s)%n", kind.arg, texts.size(), sum / texts.size(), min,
        worst.replace("\n", "\\n"));
    assertThat(min).as("minimum ink IoU (at '%s')", worst).isGreaterThanOrEqualTo(MIN_IOU);
  }

  /** Intersection over union of the pixels darker than luma 128. */
  static double inkIou(BufferedImage a, BufferedImage b) {
    boolean[] inkA = ink(a);
    boolean[] inkB = ink(b);
    long both = 0;
    long either = 0;
    for (int i = 0; i < inkA.length; i++) {
      both += inkA[i] && inkB[i] ? 1 : 0;
      either += inkA[i] || inkB[i] ? 1 : 0;
    }
    return either == 0 ? 0 : (double) both / either;
  }

  static long inkPixels(BufferedImage a) {
    long count = 0;
    for (boolean b : ink(a)) {
      count += b ? 1 : 0;
    }
    return count;
  }

  /**
   * Pixels darker than luma 128, from the stored samples: getRGB would pass a greyscale image through Java's linear
   * grey colour space and brighten it.
   */
  static boolean[] ink(BufferedImage image) {
    Raster r = image.getRaster();
    int w = r.getWidth();
    int h = r.getHeight();
    boolean[] out = new boolean[w * h];
    int bands = r.getNumBands();
    int[] px = new int[bands];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        r.getPixel(x, y, px);
        int luma = bands < 3 ? px[0] : (px[0] * 299 + px[1] * 587 + px[2] * 114) / 1000;
        out[y * w + x] = luma < 128;
      }
    }
    return out;
  }
}
