package dev.mmsafety.udf.image;

import static dev.mmsafety.udf.testing.ImageFixtures.BLUE;
import static dev.mmsafety.udf.testing.ImageFixtures.GREEN;
import static dev.mmsafety.udf.testing.ImageFixtures.RED;
import static dev.mmsafety.udf.testing.ImageFixtures.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.testing.ImageFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;

/** Issue 11 item 2: what is sent keeps a MIME type the server takes, upright, in sRGB, within its limits. */
class TestImageSendPolicy {
  private static final ImageSendPolicy PNG_JPEG = new ImageSendPolicy(List.of("png", "jpg"), null);

  @Test
  void acceptedFormatsAreSentAsStored() throws Exception {
    byte[] png = ImageFixtures.bytes("quadrants.png");
    ImageSendPolicy.Prepared p = ImageSendPolicy.DEFAULT.prepare(png);
    assertThat(p.bytes()).isSameAs(png);
    assertThat(p.mime()).isEqualTo("image/png");
    assertThat(p.note()).isNull();
    // A WebP named .png is sent as what it is.
    assertThat(ImageSendPolicy.DEFAULT.prepare(ImageFixtures.bytes("webp-named.png")).mime()).isEqualTo("image/webp");
  }

  @Test
  void formatsTheServerDoesNotTakeBecomePng() throws Exception {
    for (String file : List.of("lossless.webp", "quadrants.tiff")) {
      ImageSendPolicy.Prepared p = PNG_JPEG.prepare(ImageFixtures.bytes(file));
      assertThat(p.mime()).isEqualTo("image/png");
      assertThat(p.note()).contains("is not among the model's image-formats [png, jpeg]").endsWith("sent as png");
      assertQuadrants(jdkDecode(p.bytes()), 0);
    }
    assertThatThrownBy(() -> new ImageSendPolicy(List.of("webp"), null))
        .hasMessage("Invalid image-formats [webp]: must include png or jpeg (what other formats are converted to)");
    assertThatThrownBy(() -> new ImageSendPolicy(List.of("png", "heic"), null))
        .hasMessage("Invalid image-formats entry: heic (known: [png, jpeg, webp, gif, bmp, tiff])");
  }

  @Test
  void cmykYcckAndRotatedJpegsAreSentAsUprightSrgbJpegs() throws Exception {
    for (byte[] jpeg : List.of(ImageFixtures.bytes("cmyk.jpg"), ImageFixtures.ycckJpeg(),
        ImageFixtures.bytes("exif6.jpg"))) {
      ImageSendPolicy.Prepared p = ImageSendPolicy.DEFAULT.prepare(jpeg);
      assertThat(p.mime()).isEqualTo("image/jpeg");
      assertThat(p.note()).endsWith("sent as jpeg");
      // The JDK's own reader does no colour management and ignores EXIF, like a server's libjpeg.
      BufferedImage seen = jdkDecode(p.bytes());
      assertThat(seen.getWidth()).isEqualTo(16);
      assertQuadrants(seen, 12);
    }
  }

  @Test
  void degenerateImagesAreRejectedNamingTheLimit() {
    assertThatThrownBy(() -> ImageSendPolicy.DEFAULT.prepare(ImageFixtures.bytes("1x1.png")))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_too_small"))
        .hasMessage("1x1 px has a side under the model's min-side of 2 px");
    assertThatThrownBy(() -> ImageSendPolicy.DEFAULT.prepare(ImageFixtures.bytes("2000x2.png")))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_aspect_ratio"))
        .hasMessage("2000x2 px has an aspect ratio of 1000.0, over the model's max-aspect-ratio of 200.0");
  }

  @Test
  void overLargeImagesAreResizedKeepingTheAspectOrRejected() throws Exception {
    ImageSendPolicy small = new ImageSendPolicy(null, new ModelImageLimits(null, 8, null, null, null, null));
    ImageSendPolicy.Prepared p = small.prepare(ImageFixtures.bytes("quadrants.png"));
    BufferedImage seen = jdkDecode(p.bytes());
    assertThat(seen.getWidth()).isEqualTo(8);
    assertThat(seen.getHeight()).isEqualTo(6);
    assertThat(p.note()).isEqualTo("resized 16x12 to 8x6; sent as png");
    ImageSendPolicy strict = new ImageSendPolicy(null, new ModelImageLimits(null, 8, null, null, null, "reject"));
    assertThatThrownBy(() -> strict.prepare(ImageFixtures.bytes("quadrants.png")))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_too_large"))
        .hasMessage("16x12 px is over the model's max-side 8 / max-pixels 36000000 (on-violation: reject)");
    // Bytes: noise does not compress, so 200x200 RGB is ~120 kB; a 30 kB limit makes it smaller until it fits.
    BufferedImage noise = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 200; x++) {
        noise.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    byte[] big = ImageSendPolicy.encode(noise, "png");
    ImageSendPolicy bytes = new ImageSendPolicy(null, new ModelImageLimits(null, null, null, null, 30_000L, null));
    ImageSendPolicy.Prepared fitted = bytes.prepare(big);
    assertThat(big.length).isGreaterThan(100_000);
    assertThat(fitted.bytes().length).isLessThanOrEqualTo(30_000);
    BufferedImage shrunk = jdkDecode(fitted.bytes());
    assertThat(shrunk.getWidth()).isEqualTo(shrunk.getHeight()).isLessThan(200);
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new ModelImageLimits(0, null, null, null, null, null))
        .hasMessage("Invalid image-limits.min-side: 0 (at least 1)");
    assertThatThrownBy(() -> new ModelImageLimits(null, null, null, null, null, "crop"))
        .hasMessage("Invalid image-limits.on-violation: crop (one of [resize, reject])");
  }

  private static void assertQuadrants(BufferedImage image, int tolerance) {
    int[] q = ImageFixtures.quadrants(image);
    int[] expected = {RED, GREEN, BLUE, WHITE};
    for (int i = 0; i < 4; i++) {
      assertThat(ImageFixtures.distance(q[i], expected[i])).as("quadrant %d: %06x", i, q[i])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  /** Decodes with the JDK's reader for the format (no TwelveMonkeys, no EXIF, no colour management). */
  private static BufferedImage jdkDecode(byte[] bytes) throws Exception {
    String format = ImageFormats.sniff(bytes).format();
    for (var it = ImageIO.getImageReadersByFormatName(format); it.hasNext(); ) {
      ImageReader reader = it.next();
      if (reader.getClass().getName().startsWith("com.sun.")) {
        reader.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        return reader.read(0);
      }
    }
    throw new AssertionError("no JDK reader for " + format);
  }
}
