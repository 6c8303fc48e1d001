package dev.mmsafety.udf.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a file is, from its first bytes (as a browser sniffs it) and what its name claims. Image formats are
 * named by their lower-case short names (png, jpeg, gif, bmp, webp, tiff); other recognised content (PDF, ZIP,
 * HTML, ...) is named too, so a reject can say what a misnamed file really is.
 */
public final class ImageFormats {
  /** Formats the registered readers decode. */
  public static final java.util.List<String> DECODABLE = java.util.List.of("png", "jpeg", "gif", "bmp", "webp", "tiff");

  private ImageFormats() {}

  /**
   * What the bytes are.
   *
   * @param format short name (png, jpeg, ..., pdf, zip, html, text) or {@code unknown}
   * @param image true when {@code format} is an image format (decodable or not, e.g. heic)
   * @param description for messages: "a PDF document", "a WebP image", ...
   */
  public record Sniffed(String format, boolean image, String description) {
    public boolean decodable() {
      return image && DECODABLE.contains(format);
    }
  }

  public static Sniffed sniff(byte[] b) {
    if (startsWith(b, 0, 0x89, 'P', 'N', 'G')) {
      return image("png", "a PNG image");
    }
    if (startsWith(b, 0, 0xff, 0xd8)) { // SOI; browsers also want the next marker's 0xff, but a bare SOI is a broken JPEG
      return image("jpeg", "a JPEG image");
    }
    if (startsWith(b, 0, 'G', 'I', 'F', '8')) {
      return image("gif", "a GIF image");
    }
    if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
      return image("webp", "a WebP image");
    }
    if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)
        || startsWith(b, 0, 'I', 'I', 43, 0) || startsWith(b, 0, 'M', 'M', 0, 43)) {
      return image("tiff", "a TIFF image");
    }
    if (startsWith(b, 0, 'B', 'M') && b.length >= 26) {
      return image("bmp", "a BMP image");
    }
    if (startsWith(b, 4, 'f', 't', 'y', 'p')) {
      String brand = ascii(b, 8, 4);
      if (brand.startsWith("avi")) {
        return image("avif", "an AVIF image");
      }
      if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("hev")) {
        return image("heic", "a HEIC image");
      }
      return new Sniffed("mp4", false, "an MP4/QuickTime container");
    }
    if (startsWith(b, 0, 0, 0, 1, 0)) {
      return image("ico", "a Windows icon");
    }
    if (startsWith(b, 0, '%', 'P', 'D', 'F')) {
      return new Sniffed("pdf", false, "a PDF document");
    }
    if (startsWith(b, 0, 'P', 'K', 3, 4)) {
      return new Sniffed("zip", false, "a ZIP archive");
    }
    if (startsWith(b, 0, 0x1f, 0x8b)) {
      return new Sniffed("gzip", false, "a gzip file");
    }
    String head = ascii(b, 0, Math.min(b.length, 256)).stripLeading().toLowerCase(Locale.ROOT);
    if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"))) {
      return image("svg", "an SVG drawing");
    }
    if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
      return new Sniffed("html", false, "an HTML page");
    }
    if (looksLikeText(b)) {
      return new Sniffed("text", false, "text");
    }
    return new Sniffed("unknown", false, "not a known file type");
  }

  /** The format a file name's extension claims (png, jpeg, gif, bmp, webp, tiff), or null for none or another. */
  public static String extensionFormat(String uri) {
    String name = uri.toLowerCase(Locale.ROOT);
    int dot = name.lastIndexOf('.');
    if (dot < 0 || name.indexOf('/', dot) >= 0) {
      return null;
    }
    return switch (name.substring(dot + 1)) {
      case "png" -> "png";
      case "jpg", "jpeg", "jpe", "jfif" -> "jpeg";
      case "gif" -> "gif";
      case "bmp" -> "bmp";
      case "webp" -> "webp";
      case "tif", "tiff" -> "tiff";
      default -> null;
    };
  }

  /** The MIME type of an image format's short name. */
  public static String mime(String format) {
    return switch (format) {
      case "jpeg" -> "image/jpeg";
      case "svg" -> "image/svg+xml";
      case "ico" -> "image/vnd.microsoft.icon";
      default -> "image/" + format;
    };
  }

  /** The file extension for a format's short name (jpeg is stored as .jpg; unknown content as .bin). */
  public static String extension(String format) {
    return switch (format) {
      case "jpeg" -> "jpg";
      case "png", "gif", "bmp", "webp", "tiff" -> format;
      default -> "bin";
    };
  }

  private static Sniffed image(String format, String description) {
    return new Sniffed(format, true, description);
  }

  private static boolean startsWith(byte[] b, int offset, int... expected) {
    if (b.length < offset + expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if ((b[offset + i] & 0xff) != (expected[i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int offset, int length) {
    if (b.length < offset + length) {
      return "";
    }
    return new String(b, offset, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean looksLikeText(byte[] b) {
    int n = Math.min(b.length, 512);
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xff;
      if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b)) {
        return false;
      }
    }
    return true;
  }
}
