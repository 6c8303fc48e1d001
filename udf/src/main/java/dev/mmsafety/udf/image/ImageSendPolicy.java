package dev.mmsafety.udf.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Decides, per model, what image bytes are sent: the file unchanged when the server takes it as it is, else a
 * converted copy. A copy is made when the format is not among the model's {@code image-formats} (WebP or TIFF to
 * PNG, ...), when the file carries an EXIF orientation (servers decode the stored pixels, so the copy is upright),
 * when it is a CMYK or YCCK JPEG (servers without colour management show it with wrong colours), or when it is
 * over an upper {@link ModelImageLimits} limit and the policy is resize. Copies of JPEGs are JPEGs (quality 95)
 * when the server takes JPEG, everything else becomes PNG. Limits the image cannot meet are an
 * {@link ImageCheckException} naming the limit, raised before any call.
 *
 * @param formats formats the server accepts (short names: png, jpeg, webp, gif, bmp, tiff)
 * @param limits the server's image limits
 */
public record ImageSendPolicy(List<String> formats, ModelImageLimits limits) implements Serializable {
  /** What the OpenAI API documents (PNG, JPEG, WebP, non-animated GIF); vLLM and others take at least these. */
  public static final List<String> FORMATS_DEFAULT = List.of("png", "jpeg", "webp", "gif");
  public static final List<String> KNOWN_FORMATS = List.of("png", "jpeg", "webp", "gif", "bmp", "tiff");
  public static final int JPEG_QUALITY = 95;
  /** Images declaring more pixels are not decoded for conversion (ingest's default limit is 36 megapixels). */
  public static final long DECODE_GUARD_PIXELS = 100_000_000L;
  public static final ImageSendPolicy DEFAULT = new ImageSendPolicy(null, null);

  public ImageSendPolicy {
    formats = formats == null || formats.isEmpty() ? FORMATS_DEFAULT
        : formats.stream().map(f -> f.trim().toLowerCase(Locale.ROOT).replace("jpg", "jpeg")).toList();
    limits = limits == null ? ModelImageLimits.DEFAULT : limits;
    for (String f : formats) {
      if (!KNOWN_FORMATS.contains(f)) {
        throw new IllegalArgumentException("Invalid image-formats entry: " + f + " (known: " + KNOWN_FORMATS + ")");
      }
    }
    if (!formats.contains("png") && !formats.contains("jpeg")) {
      throw new IllegalArgumentException("Invalid image-formats " + formats + ": must include png or jpeg (what"
          + " other formats are converted to)");
    }
  }

  /** The bytes to send and their MIME type; {@code note} says what was changed (null: sent as stored). */
  public record Prepared(byte[] bytes, String mime, String note) {}

  public Prepared prepare(byte[] bytes) throws ImageCheckException {
    ImageDecoder.Header h = ImageDecoder.header(bytes, DECODE_GUARD_PIXELS);
    int w = h.width();
    int ht = h.height();
    int shortSide = Math.min(w, ht);
    int longSide = Math.max(w, ht);
    if (shortSide < limits.minSide()) {
      throw new ImageCheckException(ImageCheckException.TOO_SMALL,
          w + "x" + ht + " px has a side under the model's min-side of " + limits.minSide() + " px");
    }
    if ((double) longSide / shortSide > limits.maxAspectRatio()) {
      throw new ImageCheckException(ImageCheckException.ASPECT_RATIO, w + "x" + ht + " px has an aspect ratio of "
          + ratio((double) longSide / shortSide) + ", over the model's max-aspect-ratio of "
          + ratio(limits.maxAspectRatio()));
    }
    double scale = fitScale(w, ht);
    boolean overBytes = bytes.length > limits.maxBytes();
    String over = scale < 1 ? w + "x" + ht + " px is over the model's max-side " + limits.maxSide() + " / max-pixels "
        + limits.maxPixels() : overBytes ? bytes.length + " bytes is over the model's max-bytes " + limits.maxBytes() : null;
    if (over != null && ModelImageLimits.REJECT.equals(limits.onViolation())) {
      throw new ImageCheckException(ImageCheckException.TOO_LARGE, over + " (on-violation: reject)");
    }
    String why = reasonToConvert(h);
    if (why == null && over == null) {
      return new Prepared(bytes, ImageFormats.mime(h.format()), null);
    }
    BufferedImage image = ImageDecoder.decode(bytes, DECODE_GUARD_PIXELS).image();
    String target = h.format().equals("jpeg") && formats.contains("jpeg") || !formats.contains("png") ? "jpeg" : "png";
    StringBuilder note = new StringBuilder(why == null ? "" : why);
    if (scale < 1) {
      image = scale(image, scale);
      append(note, "resized " + w + "x" + ht + " to " + image.getWidth() + "x" + image.getHeight());
    }
    byte[] out = encode(image, target);
    for (int attempt = 0; out.length > limits.maxBytes() && attempt < 4; attempt++) {
      image = scale(image, Math.sqrt((double) limits.maxBytes() / out.length) * 0.9);
      out = encode(image, target);
    }
    if (out.length > limits.maxBytes()) {
      throw new ImageCheckException(ImageCheckException.TOO_LARGE, "cannot fit the model's max-bytes "
          + limits.maxBytes() + " (still " + out.length + " bytes at " + image.getWidth() + "x" + image.getHeight() + ")");
    }
    if (overBytes && scale >= 1) {
      append(note, "re-encoded " + bytes.length + " to " + out.length + " bytes at " + image.getWidth() + "x"
          + image.getHeight());
    }
    append(note, "sent as " + target);
    return new Prepared(out, ImageFormats.mime(target), note.toString());
  }

  /** A key that differs whenever two policies could send different bytes for the same image. */
  public String cacheKey() {
    return formats + "|" + limits;
  }

  private String reasonToConvert(ImageDecoder.Header h) {
    if (!formats.contains(h.format())) {
      return h.format() + " is not among the model's image-formats " + formats;
    }
    if (h.orientation() != 1) {
      return "EXIF orientation " + h.orientation() + " applied";
    }
    if ("cmyk".equals(h.jpegColor()) || "ycck".equals(h.jpegColor())) {
      return h.jpegColor() + " JPEG converted to sRGB";
    }
    return null;
  }

  /** Largest scale at most 1 meeting max-side and max-pixels, keeping the aspect ratio. */
  private double fitScale(int w, int h) {
    double scale = Math.min(1.0, (double) limits.maxSide() / Math.max(w, h));
    double pixels = (double) w * h * scale * scale;
    if (pixels > limits.maxPixels()) {
      scale *= Math.sqrt(limits.maxPixels() / pixels);
    }
    return scale;
  }

  private static BufferedImage scale(BufferedImage in, double scale) {
    int w = Math.max(1, (int) Math.floor(in.getWidth() * scale));
    int h = Math.max(1, (int) Math.floor(in.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(in, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  static byte[] encode(BufferedImage image, String format) {
    return format.equals("jpeg") ? ImageEncoders.jpeg(image, JPEG_QUALITY) : ImageEncoders.png(image);
  }

  private static void append(StringBuilder sb, String part) {
    if (!sb.isEmpty()) {
      sb.append("; ");
    }
    sb.append(part);
  }

  private static String ratio(double r) {
    return String.format(Locale.ROOT, "%.1f", r);
  }
}
