package dev.mmsafety.udf.image;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Limits every ingested image must pass. The pixel limit is checked from the file header before any decoding,
 * so a small file declaring a huge canvas (a decompression bomb) is refused without allocating it.
 *
 * @param maxBytes largest file accepted, bytes
 * @param maxPixels largest width x height accepted
 * @param badExif what to do with an EXIF block that lies (orientation outside 1-8, declared dimensions that
 *     disagree with the image): {@code reject} (image_exif_invalid) or {@code ignore} (show the image as stored,
 *     as browsers do with an invalid tag)
 */
public record ImageLimits(long maxBytes, long maxPixels, String badExif) implements Serializable {
  public static final String MAX_BYTES = "image-max-bytes";
  public static final long MAX_BYTES_DEFAULT = 20L * 1024 * 1024;
  public static final String MAX_PIXELS = "image-max-pixels";
  /** 36 megapixels: above any published benchmark image (largest seen: 1024 x ~2000). */
  public static final long MAX_PIXELS_DEFAULT = 36_000_000L;
  public static final String BAD_EXIF = "image-bad-exif";
  public static final String BAD_EXIF_DEFAULT = "reject";
  public static final List<String> BAD_EXIF_CHOICES = List.of("reject", "ignore");
  public static final ImageLimits DEFAULT = new ImageLimits(MAX_BYTES_DEFAULT, MAX_PIXELS_DEFAULT, BAD_EXIF_DEFAULT);

  public ImageLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("Invalid " + MAX_BYTES + ": " + maxBytes);
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("Invalid " + MAX_PIXELS + ": " + maxPixels);
    }
    badExif = badExif == null ? BAD_EXIF_DEFAULT : badExif;
    if (!BAD_EXIF_CHOICES.contains(badExif)) {
      throw new IllegalArgumentException("Invalid " + BAD_EXIF + ": " + badExif + " (one of " + BAD_EXIF_CHOICES + ")");
    }
  }

  public ImageLimits(long maxBytes, long maxPixels) {
    this(maxBytes, maxPixels, BAD_EXIF_DEFAULT);
  }

  public boolean rejectsBadExif() {
    return "reject".equals(badExif);
  }

  /** Limits from dataset options, defaults for absent keys. */
  public static ImageLimits from(Map<String, Object> options) {
    Object exif = options.get(BAD_EXIF);
    return new ImageLimits(
        longOption(options, MAX_BYTES, MAX_BYTES_DEFAULT), longOption(options, MAX_PIXELS, MAX_PIXELS_DEFAULT),
        exif == null ? null : exif.toString().trim());
  }

  private static long longOption(Map<String, Object> options, String key, long fallback) {
    Object value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + key + ": " + value);
    }
  }
}
