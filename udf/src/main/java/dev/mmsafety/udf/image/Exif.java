package dev.mmsafety.udf.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The EXIF facts that change how an image is shown: the Orientation tag (1-8, 1 = as stored) and the pixel
 * dimensions the EXIF block declares. Found where browsers look: a JPEG's APP1 "Exif" segment, a WebP's EXIF
 * chunk, a PNG's eXIf chunk, a TIFF's first IFD. The container is walked here; the TIFF structure inside is read
 * by TwelveMonkeys' metadata reader.
 *
 * @param orientation the raw Orientation value, or null when the image has none
 * @param pixelWidth ExifImageWidth (PixelXDimension), or null
 * @param pixelHeight ExifImageHeight (PixelYDimension), or null
 */
public record Exif(Integer orientation, Integer pixelWidth, Integer pixelHeight) {
  public static final Exif NONE = new Exif(null, null, null);
  private static final int TAG_PIXEL_X = 0xA002;
  private static final int TAG_PIXEL_Y = 0xA003;

  /** The orientation to apply: the tag when it is 1-8, else 1 (what browsers do with a missing or bad tag). */
  public int effectiveOrientation() {
    return orientation != null && orientation >= 1 && orientation <= 8 ? orientation : 1;
  }

  /** Whether showing the image upright swaps its width and height (orientations 5-8). */
  public static boolean swapsSides(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /**
   * Why this EXIF block cannot be trusted for an image of the stored size, or null when it can: an Orientation
   * outside 1-8, or declared pixel dimensions that disagree with the decoded ones (the block was carried over
   * from another version of the picture, so its orientation may be stale too).
   */
  public String lie(int storedWidth, int storedHeight) {
    if (orientation != null && (orientation < 1 || orientation > 8)) {
      return "EXIF Orientation is " + orientation + " (valid: 1-8)";
    }
    if (pixelWidth != null && pixelHeight != null && pixelWidth > 0 && pixelHeight > 0
        && (pixelWidth != storedWidth || pixelHeight != storedHeight)) {
      return "EXIF PixelXDimension x PixelYDimension is " + pixelWidth + "x" + pixelHeight + " but the image is "
          + storedWidth + "x" + storedHeight;
    }
    return null;
  }

  /** The EXIF block of an image of this format, or {@link #NONE}. A garbled block is an IOException. */
  public static Exif read(byte[] bytes, String format) throws IOException {
    byte[] tiff = switch (format) {
      case "jpeg" -> jpegExif(bytes);
      case "webp" -> riffChunk(bytes, "EXIF");
      case "png" -> pngChunk(bytes, "eXIf");
      case "tiff" -> bytes;
      default -> null;
    };
    if (tiff == null || tiff.length < 8) {
      return NONE;
    }
    if (tiff.length >= 6 && new String(tiff, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
      tiff = Arrays.copyOfRange(tiff, 6, tiff.length); // some WebP writers keep the JPEG APP1 prefix
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(tiff))) {
      Directory ifd0 = new TIFFReader().read(in);
      Integer orientation = intValue(ifd0.getEntryById(TIFF.TAG_ORIENTATION));
      Integer width = null;
      Integer height = null;
      Entry exifIfd = ifd0.getEntryById(TIFF.TAG_EXIF_IFD);
      if (exifIfd != null && exifIfd.getValue() instanceof Directory exif) {
        width = intValue(exif.getEntryById(TAG_PIXEL_X));
        height = intValue(exif.getEntryById(TAG_PIXEL_Y));
      }
      return new Exif(orientation, width, height);
    } catch (RuntimeException e) { // the reader signals some malformed IFDs with runtime exceptions
      throw new IOException("garbled EXIF block: " + e.getMessage(), e);
    }
  }

  private static Integer intValue(Entry entry) {
    if (entry == null) {
      return null;
    }
    Object v = entry.getValue();
    if (v instanceof Number n) {
      return n.intValue();
    }
    if (v instanceof int[] a && a.length > 0) {
      return a[0];
    }
    if (v instanceof short[] a && a.length > 0) {
      return (int) a[0];
    }
    if (v instanceof long[] a && a.length > 0) {
      return (int) a[0];
    }
    return null;
  }

  private static byte[] jpegExif(byte[] bytes) throws IOException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (segments.isEmpty()) {
        return null;
      }
      try (InputStream data = segments.get(0).data()) {
        byte[] payload = data.readAllBytes();
        // data() starts after the identifier "Exif\0" in some versions and at it in others; normalise.
        int start = indexOfTiffHeader(payload);
        return start < 0 ? null : Arrays.copyOfRange(payload, start, payload.length);
      }
    }
  }

  private static int indexOfTiffHeader(byte[] b) {
    for (int i = 0; i + 4 <= b.length && i <= 8; i++) {
      if ((b[i] == 'I' && b[i + 1] == 'I' && b[i + 2] == 42 && b[i + 3] == 0)
          || (b[i] == 'M' && b[i + 1] == 'M' && b[i + 2] == 0 && b[i + 3] == 42)) {
        return i;
      }
    }
    return -1;
  }

  /** A RIFF (WebP) chunk's payload, or null. */
  private static byte[] riffChunk(byte[] b, String fourcc) {
    int pos = 12;
    while (pos + 8 <= b.length) {
      String id = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
      long size = (b[pos + 4] & 0xffL) | (b[pos + 5] & 0xffL) << 8 | (b[pos + 6] & 0xffL) << 16 | (b[pos + 7] & 0xffL) << 24;
      if (pos + 8 + size > b.length) {
        return null; // truncated: the decoder will say so
      }
      if (id.equals(fourcc)) {
        return Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) size);
      }
      pos += 8 + (int) size + (int) (size & 1);
    }
    return null;
  }

  /** A PNG chunk's payload (before IDAT, where eXIf must be), or null. */
  private static byte[] pngChunk(byte[] b, String type) {
    int pos = 8;
    while (pos + 12 <= b.length) {
      long length = (b[pos] & 0xffL) << 24 | (b[pos + 1] & 0xffL) << 16 | (b[pos + 2] & 0xffL) << 8 | (b[pos + 3] & 0xffL);
      String id = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (pos + 12 + length > b.length) {
        return null;
      }
      if (id.equals(type)) {
        return Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) length);
      }
      if (id.equals("IDAT") || id.equals("IEND")) {
        return null;
      }
      pos += 12 + (int) length;
    }
    return null;
  }
}
