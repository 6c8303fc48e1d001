package dev.mmsafety.udf.image;

import dev.mmsafety.udf.common.Hashing;

/**
 * Checks image bytes: size limit, then what the bytes are (sniffed, never trusted by name), then the dimensions
 * the header declares (before decoding, the decompression-bomb guard), then the EXIF block, then a full decode
 * through {@link ImageDecoder}, then the hash. Stateless and thread-safe.
 */
public final class ImageValidator {
  private final ImageLimits limits;

  public ImageValidator(ImageLimits limits) {
    this.limits = limits;
  }

  public ImageInfo validate(byte[] bytes) throws ImageCheckException {
    if (bytes.length > limits.maxBytes()) {
      throw new ImageCheckException(
          ImageCheckException.TOO_LARGE, bytes.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    ImageDecoder.Header header = ImageDecoder.header(bytes, limits.maxPixels());
    String lie = header.exif().lie(header.storedWidth(), header.storedHeight());
    if (lie != null && limits.rejectsBadExif()) {
      throw new ImageCheckException(ImageCheckException.EXIF_INVALID, lie);
    }
    ImageDecoder.Decoded decoded = ImageDecoder.decode(bytes, limits.maxPixels());
    return new ImageInfo(Hashing.sha256Hex(bytes), decoded.image().getWidth(), decoded.image().getHeight(),
        header.format(), bytes.length, header.orientation(), decoded.colorSpace());
  }

  /** File type by magic bytes, for file extensions: png, jpeg, gif, bmp, webp, tiff or bin. */
  public static String sniff(byte[] b) {
    ImageFormats.Sniffed s = ImageFormats.sniff(b);
    return s.decodable() ? s.format() : "bin";
  }

  /** The format a file name's extension claims, or null for none or another. */
  public static String extensionFormat(String uri) {
    return ImageFormats.extensionFormat(uri);
  }
}
