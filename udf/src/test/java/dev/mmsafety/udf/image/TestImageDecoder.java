package dev.mmsafety.udf.image;

import static dev.mmsafety.udf.testing.ImageFixtures.BLUE;
import static dev.mmsafety.udf.testing.ImageFixtures.GREEN;
import static dev.mmsafety.udf.testing.ImageFixtures.RED;
import static dev.mmsafety.udf.testing.ImageFixtures.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.testing.ImageFixtures;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Issue 11 item 2: every fixture decodes to the same upright sRGB picture a browser shows. */
class TestImageDecoder {
  static Stream<Arguments> shownAlike() {
    return Stream.of(
        Arguments.of("quadrants.png", "png", "rgb", 1, 2),
        Arguments.of("cmyk.jpg", "jpeg", "cmyk", 1, 6),
        Arguments.of("lossy.webp", "webp", "rgb", 1, 12),
        Arguments.of("lossless.webp", "webp", "rgb", 1, 0),
        Arguments.of("webp-named.png", "webp", "rgb", 1, 0),
        Arguments.of("quadrants.tiff", "tiff", "rgb", 1, 0),
        Arguments.of("palette.png", "png", "palette", 1, 0),
        Arguments.of("quadrants.gif", "gif", "palette", 1, 0),
        Arguments.of("exif6.jpg", "jpeg", "rgb", 6, 8),
        Arguments.of("exif3.webp", "webp", "rgb", 3, 0),
        Arguments.of("exif8.png", "png", "rgb", 8, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shownAlike")
  void decodesUprightInSrgb(String file, String format, String color, int orientation, int tolerance) throws Exception {
    ImageDecoder.Decoded d = ImageDecoder.decode(ImageFixtures.bytes(file), ImageLimits.MAX_PIXELS_DEFAULT);
    assertThat(d.header().format()).isEqualTo(format);
    assertThat(d.colorSpace()).isEqualTo(color);
    assertThat(d.header().orientation()).isEqualTo(orientation);
    assertThat(d.image().getWidth()).isEqualTo(16);
    assertThat(d.image().getHeight()).isEqualTo(12);
    int[] q = ImageFixtures.quadrants(d.image());
    int[] expected = {RED, GREEN, BLUE, WHITE};
    for (int i = 0; i < 4; i++) {
      assertThat(ImageFixtures.distance(q[i], expected[i]))
          .as("%s quadrant %d: %06x vs %06x", file, i, q[i], expected[i])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  @Test
  void ycckJpegDecodesToTheSameColours() throws Exception {
    byte[] ycck = ImageFixtures.ycckJpeg();
    ImageDecoder.Decoded d = ImageDecoder.decode(ycck, ImageLimits.MAX_PIXELS_DEFAULT);
    assertThat(d.colorSpace()).isEqualTo("ycck");
    int[] q = ImageFixtures.quadrants(d.image());
    assertThat(ImageFixtures.distance(q[0], RED)).isLessThanOrEqualTo(6);
    assertThat(ImageFixtures.distance(q[1], GREEN)).isLessThanOrEqualTo(6);
    assertThat(ImageFixtures.distance(q[2], BLUE)).isLessThanOrEqualTo(6);
    assertThat(ImageFixtures.distance(q[3], WHITE)).isLessThanOrEqualTo(6);
  }

  @Test
  void greyImagesKeepTheirValues() throws Exception {
    // 40000 / 65535 * 255 = 155.6; grey+alpha 100 would come out as 168 through Java2D's linear grey.
    ImageDecoder.Decoded g16 = ImageDecoder.decode(ImageFixtures.bytes("gray16.png"), ImageLimits.MAX_PIXELS_DEFAULT);
    assertThat(g16.colorSpace()).isEqualTo("gray-16");
    assertThat(g16.image().getRGB(3, 3) & 0xffffff).isEqualTo(0x9c9c9c);
    ImageDecoder.Decoded ga = ImageDecoder.decode(ImageFixtures.bytes("gray-alpha.png"), ImageLimits.MAX_PIXELS_DEFAULT);
    assertThat(ga.colorSpace()).isEqualTo("gray-alpha");
    assertThat(ga.image().getRGB(3, 3) & 0xffffff).isEqualTo(0x646464);
  }

  @Test
  void headerReadsDimensionsAndOrientationWithoutDecoding() throws Exception {
    ImageDecoder.Header h = ImageDecoder.header(ImageFixtures.bytes("exif6.jpg"), ImageLimits.MAX_PIXELS_DEFAULT);
    assertThat(h.storedWidth()).isEqualTo(12);
    assertThat(h.storedHeight()).isEqualTo(16);
    assertThat(h.width()).isEqualTo(16);
    assertThat(h.height()).isEqualTo(12);
    assertThat(ImageDecoder.header(ImageFixtures.bytes("cmyk.jpg"), 1000).jpegColor()).isEqualTo("cmyk");
    assertThat(ImageDecoder.header(ImageFixtures.ycckJpeg(), 1000).jpegColor()).isEqualTo("ycck");
  }

  static Stream<Arguments> bad() {
    return Stream.of(
        Arguments.of("truncated.webp", "image_corrupt", "cannot decode a WebP image: "),
        Arguments.of("no-frames.gif", "image_corrupt", "cannot decode a GIF image: "),
        Arguments.of("pdf-named.png", "image_not_an_image", "not an image: the bytes are a PDF document"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bad")
  void badBytesAreReasonedRejects(String file, String code, String message) {
    assertThatThrownBy(() -> ImageDecoder.decode(ImageFixtures.bytes(file), ImageLimits.MAX_PIXELS_DEFAULT))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo(code))
        .hasMessageStartingWith(message);
  }

  @Test
  void exifThatLiesIsRejectedUnlessIgnored() throws Exception {
    ImageValidator strict = new ImageValidator(ImageLimits.DEFAULT);
    assertThatThrownBy(() -> strict.validate(ImageFixtures.bytes("exif-orientation-9.jpg")))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_exif_invalid"))
        .hasMessage("EXIF Orientation is 9 (valid: 1-8)");
    assertThatThrownBy(() -> strict.validate(ImageFixtures.bytes("exif-dims-lie.jpg")))
        .isInstanceOfSatisfying(ImageCheckException.class, e -> assertThat(e.reason().code()).isEqualTo("image_exif_invalid"))
        .hasMessage("EXIF PixelXDimension x PixelYDimension is 4000x3000 but the image is 16x12");
    ImageValidator lenient = new ImageValidator(new ImageLimits(ImageLimits.MAX_BYTES_DEFAULT, 1000, "ignore"));
    ImageInfo shown = lenient.validate(ImageFixtures.bytes("exif-orientation-9.jpg"));
    assertThat(shown.orientation()).isEqualTo(1);
    assertThat(shown.width()).isEqualTo(16);
  }

  @Test
  void pluginsAreRegisteredExplicitlyAheadOfTheJdkReaders() {
    ImagePlugins.ensureRegistered();
    assertThat(ImagePlugins.readersFor("webp")).first().asString().startsWith("com.twelvemonkeys.");
    assertThat(ImagePlugins.readersFor("jpeg")).first().asString().startsWith("com.twelvemonkeys.");
    assertThat(ImagePlugins.readersFor("tiff")).first().asString().startsWith("com.twelvemonkeys.");
  }
}
