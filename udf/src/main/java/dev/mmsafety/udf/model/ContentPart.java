package dev.mmsafety.udf.model;

/**
 * One part of a chat message: text, or an image given by URI and hash. {@code bytes} is null until someone needs
 * them (the client loads them for data-url transport; image defenses replace them with transformed bytes).
 */
public record ContentPart(String text, String imageUri, String imageSha256, byte[] bytes, String mimeType) {

  public static ContentPart text(String text) {
    return new ContentPart(text, null, null, null, null);
  }

  public static ContentPart image(String uri, String sha256) {
    return new ContentPart(null, uri, sha256, null, null);
  }

  public static ContentPart imageBytes(String uri, String sha256, byte[] bytes, String mimeType) {
    return new ContentPart(null, uri, sha256, bytes, mimeType);
  }

  public boolean isImage() {
    return text == null;
  }
}
