package dev.mmsafety.udf.image;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a model's server accepts as an image ({@code models[].image-limits}), checked before any call. Resizing
 * keeps the aspect ratio, so it can meet the upper limits (side, pixels, bytes) but not the lower one or the
 * ratio: an image under {@code min-side} or beyond {@code max-aspect-ratio} is always a reject for that probe
 * (a 1 x 1 or 10000 x 10 picture is not what the benchmark meant to show). With {@code on-violation: resize}
 * (default) an image over an upper limit is shrunk to fit; with {@code reject} it is a reject too.
 *
 * @param minSide shortest side accepted, px (as shown, after the EXIF orientation)
 * @param maxSide longest side accepted, px
 * @param maxAspectRatio largest long side / short side accepted
 * @param maxPixels largest width x height accepted
 * @param maxBytes largest encoded image accepted, bytes
 * @param onViolation resize or reject, for the upper limits
 */
public record ModelImageLimits(
    Integer minSide, Integer maxSide, Double maxAspectRatio, Long maxPixels, Long maxBytes, String onViolation)
    implements Serializable {
  /** A 1 px side carries no picture; every real benchmark image has sides of 6 px or more. */
  public static final int MIN_SIDE_DEFAULT = 2;
  public static final int MAX_SIDE_DEFAULT = 16384;
  /** Qwen2-VL's processor refuses ratios of 200 and more; others are looser. */
  public static final double MAX_ASPECT_RATIO_DEFAULT = 200;
  public static final long MAX_PIXELS_DEFAULT = ImageLimits.MAX_PIXELS_DEFAULT;
  /** The OpenAI API's per-image limit. */
  public static final long MAX_BYTES_DEFAULT = 20L * 1024 * 1024;
  public static final String RESIZE = "resize";
  public static final String REJECT = "reject";
  public static final List<String> ON_VIOLATION_CHOICES = List.of(RESIZE, REJECT);
  public static final ModelImageLimits DEFAULT = new ModelImageLimits(null, null, null, null, null, null);

  public ModelImageLimits {
    minSide = Objects.requireNonNullElse(minSide, MIN_SIDE_DEFAULT);
    maxSide = Objects.requireNonNullElse(maxSide, MAX_SIDE_DEFAULT);
    maxAspectRatio = Objects.requireNonNullElse(maxAspectRatio, MAX_ASPECT_RATIO_DEFAULT);
    maxPixels = Objects.requireNonNullElse(maxPixels, MAX_PIXELS_DEFAULT);
    maxBytes = Objects.requireNonNullElse(maxBytes, MAX_BYTES_DEFAULT);
    onViolation = Objects.requireNonNullElse(onViolation, RESIZE);
    if (minSide < 1) {
      throw new IllegalArgumentException("Invalid image-limits.min-side: " + minSide + " (at least 1)");
    }
    if (maxSide < minSide) {
      throw new IllegalArgumentException(
          "Invalid image-limits.max-side: " + maxSide + " is below min-side " + minSide);
    }
    if (maxAspectRatio < 1) {
      throw new IllegalArgumentException("Invalid image-limits.max-aspect-ratio: " + maxAspectRatio + " (at least 1)");
    }
    if (maxPixels < (long) minSide * minSide) {
      throw new IllegalArgumentException("Invalid image-limits.max-pixels: " + maxPixels + " is below min-side squared");
    }
    if (maxBytes < 1024) {
      throw new IllegalArgumentException("Invalid image-limits.max-bytes: " + maxBytes + " (at least 1024)");
    }
    if (!ON_VIOLATION_CHOICES.contains(onViolation)) {
      throw new IllegalArgumentException(
          "Invalid image-limits.on-violation: " + onViolation + " (one of " + ON_VIOLATION_CHOICES + ")");
    }
  }
}
