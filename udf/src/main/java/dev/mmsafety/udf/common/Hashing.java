package dev.mmsafety.udf.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 helpers; every id and content address in the project goes through here. */
public final class Hashing {
  private Hashing() {}

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JVM without SHA-256", e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Hash of several parts, separated so that ("ab","c") and ("a","bc") differ. */
  public static String sha256Hex(String... parts) {
    MessageDigest digest = sha256();
    for (String part : parts) {
      byte[] bytes = (part == null ? "\u0000null" : part).getBytes(StandardCharsets.UTF_8);
      digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
      digest.update((byte) ':');
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** A short stable id (first 16 hex chars of the multi-part hash). */
  public static String shortId(String... parts) {
    return sha256Hex(parts).substring(0, 16);
  }
}
