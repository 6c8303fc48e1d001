package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.common.Hashing;

/**
 * One image of a request: its bytes (null when the request gave a URL the simulator does not fetch), their
 * sha256, and the ink statistics, computed on first use and shared by every request with the same bytes.
 */
public final class SimImage {
  private final byte[] bytes;
  private final String sha256;

  private SimImage(byte[] bytes, String sha256) {
    this.bytes = bytes;
    this.sha256 = sha256;
  }

  public static SimImage of(byte[] bytes) {
    return new SimImage(bytes, Hashing.sha256Hex(bytes));
  }

  /** An image the request names by URL: its content is unknown to the simulator (kind UNREADABLE). */
  static SimImage remote(String url) {
    return new SimImage(null, Hashing.sha256Hex(url));
  }

  public String sha256() {
    return sha256;
  }

  public ImageInk ink() {
    return bytes == null ? ImageInk.UNREADABLE : ImageInk.cached(sha256, bytes);
  }
}
