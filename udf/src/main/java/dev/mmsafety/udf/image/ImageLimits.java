package dev.mmsafety.udf.image;

import java.io.Serializable;
import java.util.Map;

/**
 * Limits every ingested image must pass. The pixel limit is checked from the file header before any decoding,
 * so a small file declaring a huge canvas (a decompression bomb) is refused without allocating it.
 *
 * @param maxBytes largest file accepted, bytes
 * @param maxPixels largest width x height accepted
 */
public record ImageLimits(long maxBytes, long maxPixels) implements Serializable {
  public static final String MAX_BYTES = "image-max-bytes";
  public static final long MAX_BYTES_DEFAULT = 20L * 1024 * 1024;
  public static final String MAX_PIXELS = "image-max-pixels";
  /** 36 megapixels: above any published benchmark image (largest seen: 1024 x ~2000). */
  public static final long MAX_PIXELS_DEFAULT = 36_000_000L;
  public static final ImageLimits DEFAULT = new ImageLimits(MAX_BYTES_DEFAULT, MAX_PIXELS_DEFAULT);

  public ImageLimits {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("Invalid " + MAX_BYTES + ": " + maxBytes);
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("Invalid " + MAX_PIXELS + ": " + maxPixels);
    }
  }

  /** Limits from dataset options, defaults for absent keys. */
  public static ImageLimits from(Map<String, Object> options) {
    return new ImageLimits(
        longOption(options, MAX_BYTES, MAX_BYTES_DEFAULT), longOption(options, MAX_PIXELS, MAX_PIXELS_DEFAULT));
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
