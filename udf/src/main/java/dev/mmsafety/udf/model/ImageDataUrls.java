package dev.mmsafety.udf.model;

import dev.mmsafety.udf.image.ImageCheckException;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.image.ImageSendPolicy;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns image parts into base64 data URLs, loading bytes through an {@link ImageLoader} when the part has none.
 * Encoded URLs are kept in a per-JVM LRU keyed by image hash, so each image is read and encoded once and its bytes
 * are spliced into every request body that uses it: attacked probe sets reuse the same images for many probes,
 * models and defenses, and loading plus encoding was the client's main CPU cost.
 */
public final class ImageDataUrls {
  /** The LRU's floor and ceiling in bytes; between them it takes an eighth of the heap ({@link #cacheBytes}). */
  public static final long CACHE_BYTES_MIN = 64L << 20;
  public static final long CACHE_BYTES_MAX = 1L << 30;

  private final ImageLoader loader;
  private final long maxChars;
  private long chars;
  private final LinkedHashMap<String, byte[]> lru = new LinkedHashMap<>(256, 0.75f, true);
  /** {@link #sendsAsStored} verdicts by image hash and policy (a few bytes each, bounded like the server's paths). */
  private final Map<String, Boolean> asStored = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 200_000;
    }
  };

  public ImageDataUrls(ImageLoader loader, long maxChars) {
    this.loader = loader;
    this.maxChars = maxChars;
  }

  /**
   * The default LRU size for a heap of {@code maxHeap} bytes. An LRU smaller than the images in use hits
   * nothing when probes cycle through them (200 images of 500 KB are 136 MB of base64, which a fixed 64 MB missed
   * on every request), so it grows with the heap.
   */
  public static long cacheBytes(long maxHeap) {
    return Math.max(CACHE_BYTES_MIN, Math.min(CACHE_BYTES_MAX, maxHeap / 8));
  }

  public ImageLoader loader() {
    return loader;
  }

  public String dataUrl(ContentPart part) throws IOException {
    return new String(dataUrlBytes(part), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The data URL as ASCII bytes, shared (callers must not modify it): request bodies splice it in unchanged. */
  public byte[] dataUrlBytes(ContentPart part) throws IOException {
    return dataUrlBytes(part, ImageSendPolicy.DEFAULT);
  }

  /**
   * The data URL of the image as {@code policy} lets it be sent (converted, resized, or refused with an
   * {@link ImageRejectedException} before any call).
   */
  public byte[] dataUrlBytes(ContentPart part, ImageSendPolicy policy) throws IOException {
    String key = part.imageSha256() == null ? null : part.imageSha256() + "|" + policy.cacheKey();
    if (key != null && part.bytes() == null) {
      synchronized (this) {
        byte[] hit = lru.get(key);
        if (hit != null) {
          return hit;
        }
      }
    }
    ImageSendPolicy.Prepared prepared = prepared(part, policy);
    byte[] bytes = prepared.bytes();
    String mime = prepared.note() == null && part.mimeType() != null ? part.mimeType() : prepared.mime();
    byte[] prefix = ("data:" + mime + ";base64,").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] encoded = Base64.getEncoder().encode(bytes);
    byte[] url = java.util.Arrays.copyOf(prefix, prefix.length + encoded.length);
    System.arraycopy(encoded, 0, url, prefix.length, encoded.length);
    if (key != null && part.bytes() == null) {
      put(key, url);
    }
    return url;
  }

  /**
   * Whether the stored file may be sent by reference ({@code uri}, {@code executor-http}): true when
   * {@code policy} would send it unchanged; an {@link ImageRejectedException} when its limits refuse it. The
   * file is read once per image and policy (verdicts are kept by hash), so every transport is checked alike.
   */
  public boolean sendsAsStored(ContentPart part, ImageSendPolicy policy) throws IOException {
    String key = part.imageSha256() == null ? null : part.imageSha256() + "|" + policy.cacheKey();
    if (key != null) {
      synchronized (asStored) {
        Boolean known = asStored.get(key);
        if (known != null) {
          return known;
        }
      }
    }
    boolean unchanged = prepared(part, policy).note() == null;
    if (key != null) {
      synchronized (asStored) {
        asStored.put(key, unchanged);
      }
    }
    return unchanged;
  }

  private ImageSendPolicy.Prepared prepared(ContentPart part, ImageSendPolicy policy) throws IOException {
    byte[] bytes = part.bytes();
    if (bytes == null) {
      if (loader == null) {
        throw new IOException("no image loader configured");
      }
      bytes = loader.load(part.imageUri());
    }
    if (bytes == null || bytes.length == 0) {
      throw new IOException("image is empty");
    }
    try {
      return policy.prepare(bytes);
    } catch (ImageCheckException e) {
      throw new ImageRejectedException(e.reason().code(), e.getMessage());
    }
  }

  private synchronized void put(String key, byte[] url) {
    if (url.length > maxChars / 4) {
      return;
    }
    if (lru.put(key, url) == null) {
      chars += url.length;
    }
    var it = lru.entrySet().iterator();
    while (chars > maxChars && it.hasNext()) {
      Map.Entry<String, byte[]> eldest = it.next();
      chars -= eldest.getValue().length;
      it.remove();
    }
  }

  /** The model's image policy refused the image (too small, too elongated, too large to fit): no call is made. */
  public static final class ImageRejectedException extends IOException {
    private final String reasonCode;

    public ImageRejectedException(String reasonCode, String message) {
      super(reasonCode + ": " + message);
      this.reasonCode = reasonCode;
    }

    public String reasonCode() {
      return reasonCode;
    }
  }

  /** MIME type from the file's magic bytes (PNG, JPEG, GIF, WebP, BMP); PNG when unknown. */
  public static String sniffMime(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
      return "image/jpeg";
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
      return "image/gif";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
      return "image/webp";
    }
    if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
      return "image/bmp";
    }
    return "image/png";
  }
}
