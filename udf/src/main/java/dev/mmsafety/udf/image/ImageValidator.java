package dev.mmsafety.udf.image;

import dev.mmsafety.udf.common.Hashing;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Checks image bytes: size limit, then the dimensions the header declares (before decoding, the
 * decompression-bomb guard), then a full decode with javax.imageio, then the hash. Stateless and thread-safe.
 */
public final class ImageValidator {
  private final ImageLimits limits;

  public ImageValidator(ImageLimits limits) {
    this.limits = limits;
  }

  public ImageInfo validate(byte[] bytes) throws ImageCheckException {
    if (bytes.length == 0) {
      throw new ImageCheckException(ImageCheckException.CORRUPT, "file is empty");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ImageCheckException(
          ImageCheckException.TOO_LARGE, bytes.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    // A memory-cached stream: ImageIO.createImageInputStream would spool every image to a temp file by default.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new ImageCheckException(
            ImageCheckException.UNSUPPORTED, "not a readable image format (" + sniff(bytes) + ")");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // Reads only the header (IHDR, SOF, ...): nothing is allocated for the pixels yet.
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
          throw new ImageCheckException(ImageCheckException.CORRUPT, "declares " + width + "x" + height + " pixels");
        }
        if ((long) width * height > limits.maxPixels()) {
          throw new ImageCheckException(
              ImageCheckException.TOO_LARGE,
              "declares " + width + "x" + height + " pixels, limit " + limits.maxPixels() + " pixels");
        }
        BufferedImage image = reader.read(0);
        if (image == null) {
          throw new ImageCheckException(ImageCheckException.CORRUPT, "decoder returned no image");
        }
        String format = normalize(reader.getFormatName());
        return new ImageInfo(Hashing.sha256Hex(bytes), image.getWidth(), image.getHeight(), format, bytes.length);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // javax.imageio signals truncated or garbled data with IIOException and sometimes runtime exceptions.
      throw new ImageCheckException(ImageCheckException.CORRUPT, "cannot decode: " + firstLine(e));
    }
  }

  static String normalize(String formatName) {
    String f = formatName.toLowerCase(Locale.ROOT);
    return f.equals("jpg") ? "jpeg" : f;
  }

  /** File type by magic bytes, for messages and file extensions: png, jpeg, gif, bmp, webp or bin. */
  /** The format a file name's extension claims (png, jpeg, gif, bmp, webp), or null for none or another. */
  public static String extensionFormat(String uri) {
    String name = uri.toLowerCase(java.util.Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0 || name.indexOf('/', dot) >= 0) {
      return null;
    }
    return switch (name.substring(dot + 1)) {
      case "png" -> "png";
      case "jpg", "jpeg" -> "jpeg";
      case "gif" -> "gif";
      case "bmp" -> "bmp";
      case "webp" -> "webp";
      default -> null;
    };
  }

  public static String sniff(byte[] b) {
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
      return "png";
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
      return "jpeg";
    }
    if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
      return "gif";
    }
    if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
      return "bmp";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return "webp";
    }
    return "bin";
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
