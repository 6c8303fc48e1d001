package dev.mmsafety.udf.image;

import dev.mmsafety.udf.exceptions.Reason;
import dev.mmsafety.udf.exceptions.ReasonException;

/**
 * An image that failed validation, with a stable reason code for the rejects table: image_missing,
 * image_too_large, image_corrupt, image_unsupported (an image format with no decoder here, e.g. HEIC),
 * image_not_an_image (the bytes are something else, or nothing known), image_extension_mismatch (the name claims
 * an image format but the bytes are not an image: says what they are), image_exif_invalid (an EXIF block that
 * cannot be trusted), image_too_small and image_aspect_ratio (a model's image limits).
 */
public final class ImageCheckException extends ReasonException {
  public static final String MISSING = "image_missing";
  public static final String TOO_LARGE = "image_too_large";
  public static final String CORRUPT = "image_corrupt";
  public static final String UNSUPPORTED = "image_unsupported";
  public static final String EXTENSION_MISMATCH = "image_extension_mismatch";
  public static final String NOT_AN_IMAGE = "image_not_an_image";
  public static final String EXIF_INVALID = "image_exif_invalid";
  public static final String TOO_SMALL = "image_too_small";
  public static final String ASPECT_RATIO = "image_aspect_ratio";

  public ImageCheckException(String reasonCode, String message) {
    super(new Reason(reasonCode, null), message);
  }
}
