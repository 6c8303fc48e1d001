package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.common.Hashing;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * One image of a request: a digest of its content (SHA-256 of its base64 payload, as {@link ChatRequestScan}
 * computes it, the same for bytes fetched from an http(s) URL, or of the URL for a reference the simulator
 * cannot read, such as a file path) and its bytes, decoded only when a profile
 * first looks at the pixels. The ink statistics are cached by digest, so equal images are decoded once.
 */
public final class SimImage {
  private final String digest;
  /** The image's bytes; null when the request named it by a URL the profiles do not read. */
  private final Supplier<byte[]> bytes;

  private SimImage(String digest, Supplier<byte[]> bytes) {
    this.digest = digest;
    this.bytes = bytes;
  }

  /** An image given as bytes (tests, benches): the digest a data URL of these bytes gets. */
  public static SimImage of(byte[] bytes) {
    byte[] base64 = Base64.getEncoder().encode(bytes);
    return new SimImage(Hashing.sha256Hex(base64), () -> bytes);
  }

  /** Image {@code i} of a scanned request. */
  static SimImage of(ChatRequestScan.ChatRequest request, int i) {
    boolean data = request.images().get(i).kind() == ChatRequestScan.ImageKind.DATA;
    return new SimImage(request.imageDigest(i), data ? () -> request.imageBytes(i) : null);
  }

  public String digest() {
    return digest;
  }

  public ImageInk ink() {
    return bytes == null ? ImageInk.UNREADABLE : ImageInk.cached(digest, bytes);
  }
}
