package dev.mmsafety.udf.attack;

/**
 * One image of a probe: either an existing image passed through by URI and hash ({@code bytes == null}), or a
 * generated one whose bytes the runner stores content-addressed (and records in image_lineage).
 *
 * @param ext file extension of the bytes (png for everything we encode)
 * @param sourceSha256 hash of the image it was made from, null when made from text only
 */
public record ImagePart(
    String uri, String sha256, byte[] bytes, String ext, int width, int height, String sourceSha256) {

  public static ImagePart existing(String uri, String sha256) {
    return new ImagePart(uri, sha256, null, null, 0, 0, null);
  }

  public static ImagePart png(java.awt.image.BufferedImage image, String sourceSha256) {
    return new ImagePart(
        null, null, PngEncoder.encode(image), "png", image.getWidth(), image.getHeight(), sourceSha256);
  }

  public static ImagePart encoded(byte[] bytes, String ext, int width, int height, String sourceSha256) {
    return new ImagePart(null, null, bytes, ext, width, height, sourceSha256);
  }

  public boolean generated() {
    return bytes != null;
  }
}
