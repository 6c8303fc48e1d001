package dev.mmsafety.udf.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The one decoder of image bytes (ingest validation, attacks, image defenses, conversion before sending): bytes
 * are sniffed (not trusted by name), their header is read before any pixel is allocated (the decompression-bomb
 * guard), then they are decoded with the registered ImageIO readers (TwelveMonkeys for WebP, JPEG and TIFF),
 * converted once to 8-bit sRGB BGR ({@link Srgb}) and turned upright by their EXIF orientation
 * ({@link Orientation}). Stateless and thread-safe.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * What the header says, without decoding pixels.
   *
   * @param format sniffed format (png, jpeg, gif, bmp, webp, tiff)
   * @param storedWidth width as stored, px
   * @param storedHeight height as stored, px
   * @param exif the EXIF facts (orientation, declared dimensions)
   * @param jpegColor for JPEG: cmyk, ycck, gray or rgb from the frame header and Adobe marker; else null
   */
  public record Header(String format, int storedWidth, int storedHeight, Exif exif, String jpegColor) {
    public int orientation() {
      return exif.effectiveOrientation();
    }

    /** Width as shown (after orientation). */
    public int width() {
      return Exif.swapsSides(orientation()) ? storedHeight : storedWidth;
    }

    /** Height as shown (after orientation). */
    public int height() {
      return Exif.swapsSides(orientation()) ? storedWidth : storedHeight;
    }
  }

  /**
   * A decoded image as shown.
   *
   * @param image upright 8-bit sRGB BGR pixels
   * @param header what the header said
   * @param colorSpace the stored colour model: rgb, rgba, gray, gray-alpha, palette, cmyk, ycck, with -16 for
   *     16-bit samples
   */
  public record Decoded(BufferedImage image, Header header, String colorSpace) {}

  /** Reads the header; throws a reasoned {@link ImageCheckException} for what is not a decodable image. */
  public static Header header(byte[] bytes, long maxPixels) throws ImageCheckException {
    return read(bytes, maxPixels, false).header();
  }

  /** Decodes to upright sRGB; the header's pixel count is checked against {@code maxPixels} before decoding. */
  public static Decoded decode(byte[] bytes, long maxPixels) throws ImageCheckException {
    return read(bytes, maxPixels, true);
  }

  private static Decoded read(byte[] bytes, long maxPixels, boolean pixels) throws ImageCheckException {
    if (bytes.length == 0) {
      throw new ImageCheckException(ImageCheckException.CORRUPT, "file is empty");
    }
    ImageFormats.Sniffed sniffed = ImageFormats.sniff(bytes);
    if (!sniffed.image()) {
      throw new ImageCheckException(ImageCheckException.NOT_AN_IMAGE, "not an image: the bytes are " + sniffed.description());
    }
    if (!sniffed.decodable()) {
      throw new ImageCheckException(
          ImageCheckException.UNSUPPORTED, "the bytes are " + sniffed.description() + ", which has no decoder here");
    }
    ImagePlugins.ensureRegistered();
    // A memory-cached stream: ImageIO.createImageInputStream would spool every image to a temp file by default.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(in, sniffed);
      try {
        reader.setInput(in, true, true);
        // Reads only the header (IHDR, SOF, VP8 frame header, ...): nothing is allocated for the pixels yet.
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          throw new ImageCheckException(ImageCheckException.CORRUPT, "declares " + width + "x" + height + " pixels");
        }
        if ((long) width * height > maxPixels) {
          throw new ImageCheckException(ImageCheckException.TOO_LARGE,
              "declares " + width + "x" + height + " pixels, limit " + maxPixels + " pixels");
        }
        Exif exif = exif(bytes, sniffed.format());
        String jpegColor = sniffed.format().equals("jpeg") ? JpegFrames.color(bytes) : null;
        Header header = new Header(sniffed.format(), width, height, exif, jpegColor);
        if (!pixels) {
          return new Decoded(null, header, null);
        }
        BufferedImage image = reader.read(0);
        if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
          throw new ImageCheckException(ImageCheckException.CORRUPT, "decoder returned no image");
        }
        String color = jpegColor != null ? jpegColor : colorSpace(image.getColorModel());
        BufferedImage upright = Orientation.apply(Srgb.toBgr(image), header.orientation());
        return new Decoded(upright, header, color);
      } finally {
        reader.dispose();
      }
    } catch (ImageCheckException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // ImageIO signals truncated or garbled data with IIOException/EOFException and sometimes runtime exceptions.
      throw new ImageCheckException(
          ImageCheckException.CORRUPT, "cannot decode " + sniffed.description() + ": " + firstLine(e));
    }
  }

  private static ImageReader readerFor(ImageInputStream in, ImageFormats.Sniffed sniffed)
      throws IOException, ImageCheckException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) { // sniffed as an image but no reader claims it: its header is broken
      throw new ImageCheckException(
          ImageCheckException.CORRUPT, "cannot decode " + sniffed.description() + ": header not recognised");
    }
    return readers.next();
  }

  private static Exif exif(byte[] bytes, String format) throws ImageCheckException {
    try {
      return Exif.read(bytes, format);
    } catch (IOException | RuntimeException e) {
      throw new ImageCheckException(ImageCheckException.EXIF_INVALID, "cannot read its EXIF block: " + firstLine(e));
    }
  }

  static String colorSpace(ColorModel cm) {
    String depth = cm.getComponentSize(0) > 8 ? "-16" : "";
    if (cm instanceof IndexColorModel) {
      return "palette";
    }
    String model = switch (cm.getColorSpace().getType()) {
      case ColorSpace.TYPE_GRAY -> cm.hasAlpha() ? "gray-alpha" : "gray";
      case ColorSpace.TYPE_CMYK -> "cmyk";
      default -> cm.hasAlpha() ? "rgba" : "rgb";
    };
    return model + depth;
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
