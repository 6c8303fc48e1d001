package dev.mmsafety.udf.image;

/**
 * An image that failed validation, with a stable reason code for the rejects table: image_missing,
 * image_too_large, image_corrupt, image_unsupported.
 */
public final class ImageCheckException extends Exception {
  public static final String MISSING = "image_missing";
  public static final String TOO_LARGE = "image_too_large";
  public static final String CORRUPT = "image_corrupt";
  public static final String UNSUPPORTED = "image_unsupported";
  public static final String EXTENSION_MISMATCH = "image_extension_mismatch";

  private final String reasonCode;

  public ImageCheckException(String reasonCode, String message) {
    super(message);
    this.reasonCode = reasonCode;
  }

  public String reasonCode() {
    return reasonCode;
  }
}
