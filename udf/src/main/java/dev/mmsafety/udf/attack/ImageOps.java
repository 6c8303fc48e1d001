package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.image.ImageCheckException;
import dev.mmsafety.udf.image.ImageDecoder;
import dev.mmsafety.udf.image.ImageEncoders;
import dev.mmsafety.udf.image.Srgb;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Random;

/**
 * Pixel operations for attacks. Everything works on 8-bit BGR rasters and uses only integer or strict floating
 * point arithmetic and {@link Random} (whose sequence Java specifies), so a seed gives the same pixels everywhere.
 */
public final class ImageOps {
  /** Larger sources are rejected rather than risking executor memory. */
  public static final long MAX_PIXELS = 40_000_000L;

  private ImageOps() {}

  /** A decoded case image with the hash of its bytes. */
  public record Loaded(BufferedImage image, String sha256, byte[] bytes) {}

  /** Loads and decodes the case image; missing, changed or undecodable images are rejects naming image_uri. */
  public static Loaded loadCaseImage(CaseView c, AttackContext ctx) throws AttackException {
    if (!c.hasImage()) {
      throw new AttackException("image_missing", "image_uri", "Cannot attack case " + c.caseId() + ": it has no image");
    }
    byte[] bytes;
    try {
      bytes = ctx.files().load(c.imageUri());
    } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new AttackException("image_missing", "image_uri", "Cannot read image " + c.imageUri() + ": no such file");
    } catch (IOException e) {
      throw new AttackException("image_unreadable", "image_uri", "Cannot read image " + c.imageUri() + ": " + e.getMessage());
    }
    String sha = Hashing.sha256Hex(bytes);
    if (c.imageSha256() != null && !c.imageSha256().equalsIgnoreCase(sha)) {
      throw new AttackException(
          "image_changed", "image_sha256", "Cannot use image " + c.imageUri() + ": its bytes no longer match image_sha256");
    }
    return new Loaded(decode(bytes, c.imageUri()), sha, bytes);
  }

  /**
   * The case image passed through unchanged. Its hash comes from image_sha256, or, when the case lacks one, from
   * the bytes (so request ids and caches always see a hash); an unreadable image is then a reject.
   */
  public static ImagePart passThrough(CaseView c, AttackContext ctx) throws AttackException {
    if (c.imageSha256() != null && !c.imageSha256().isBlank()) {
      return ImagePart.existing(c.imageUri(), c.imageSha256());
    }
    try {
      return ImagePart.existing(c.imageUri(), Hashing.sha256Hex(ctx.files().load(c.imageUri())));
    } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
      throw new AttackException("image_missing", "image_uri", "Cannot read image " + c.imageUri() + ": no such file");
    } catch (IOException e) {
      throw new AttackException("image_unreadable", "image_uri", "Cannot read image " + c.imageUri() + ": " + e.getMessage());
    }
  }

  /**
   * Decodes as a browser shows the image: upright by its EXIF orientation, converted once to 8-bit sRGB BGR
   * ({@link ImageDecoder}); undecodable bytes are a reject with the decoder's reason code.
   */
  public static BufferedImage decode(byte[] bytes, String what) throws AttackException {
    try {
      return ImageDecoder.decode(bytes, MAX_PIXELS).image();
    } catch (ImageCheckException e) {
      String verb = ImageCheckException.TOO_LARGE.equals(e.reason().code()) ? "use" : "decode";
      throw new AttackException(
          e.reason().code(), "image_uri", "Cannot " + verb + " image " + what + ": " + e.getMessage());
    }
  }

  public static BufferedImage toBgr(BufferedImage image) {
    return Srgb.toBgr(image);
  }

  /** {@code top} above {@code bottom}, left-aligned on white: width = max, height = sum (MM-SafetyBench SD_TYPO). */
  public static BufferedImage stack(BufferedImage top, BufferedImage bottom) {
    int w = Math.max(top.getWidth(), bottom.getWidth());
    BufferedImage out = new BufferedImage(w, top.getHeight() + bottom.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.drawImage(top, 0, 0, null);
    g.drawImage(bottom, 0, top.getHeight(), null);
    g.dispose();
    return out;
  }

  public static BufferedImage blank(int size) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    java.util.Arrays.fill(data(out), (byte) 0xff);
    return out;
  }

  /** Uniform RGB noise from {@code seed}. */
  public static BufferedImage noise(int size, long seed) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    new Random(seed).nextBytes(data(out));
    return out;
  }

  /** Adds N(0, sigma^2) noise per channel, clamped. */
  public static BufferedImage gaussianNoise(BufferedImage in, double sigma, long seed) {
    BufferedImage out = copy(in);
    byte[] d = data(out);
    Random random = new Random(seed);
    for (int i = 0; i < d.length; i++) {
      d[i] = clamp((d[i] & 0xff) + (int) Math.round(random.nextGaussian() * sigma));
    }
    return out;
  }

  /** Scales contrast around mid-grey: v' = 128 + factor * (v - 128). */
  public static BufferedImage lowContrast(BufferedImage in, double factor) {
    BufferedImage out = copy(in);
    byte[] d = data(out);
    for (int i = 0; i < d.length; i++) {
      d[i] = clamp((int) Math.round(128 + factor * ((d[i] & 0xff) - 128)));
    }
    return out;
  }

  /** Separable Gaussian blur (sigma = radius / 2, kernel 2*radius+1), edges clamped. */
  public static BufferedImage blur(BufferedImage in, int radius) {
    double sigma = Math.max(radius / 2.0, 0.5);
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
      sum += k[i + radius];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    int w = in.getWidth();
    int h = in.getHeight();
    byte[] src = data(toBgr(in));
    double[] pixels = new double[src.length];
    for (int i = 0; i < src.length; i++) {
      pixels[i] = src[i] & 0xff;
    }
    double[] blurred = blurPass(blurPass(pixels, w, h, k, 1, 0), w, h, k, 0, 1);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = data(out);
    for (int i = 0; i < dst.length; i++) {
      dst[i] = clamp((int) Math.round(blurred[i]));
    }
    return out;
  }

  /** One direction of the separable blur over BGR samples: along x ({@code dx = 1}) or y ({@code dy = 1}). */
  private static double[] blurPass(double[] src, int w, int h, double[] k, int dx, int dy) {
    int radius = k.length / 2;
    double[] out = new double[src.length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          double acc = 0;
          for (int j = -radius; j <= radius; j++) {
            int xx = Math.min(w - 1, Math.max(0, x + j * dx));
            int yy = Math.min(h - 1, Math.max(0, y + j * dy));
            acc += k[j + radius] * src[(yy * w + xx) * 3 + c];
          }
          out[(y * w + x) * 3 + c] = acc;
        }
      }
    }
    return out;
  }

  /** Rotates about the centre on a same-size white canvas, bilinear (corners leave the canvas). */
  public static BufferedImage rotate(BufferedImage in, double degrees) {
    return rotate(in, degrees, false);
  }

  /**
   * Rotates about the centre, bilinear, on white. With {@code expand} the canvas grows to the rotated image's
   * bounding box, so nothing is cropped (a wide typographic banner keeps its text); else it keeps its size.
   */
  public static BufferedImage rotate(BufferedImage in, double degrees, boolean expand) {
    double rad = Math.toRadians(degrees);
    int w = in.getWidth();
    int h = in.getHeight();
    int ow = w;
    int oh = h;
    if (expand) {
      double cos = Math.abs(Math.cos(rad));
      double sin = Math.abs(Math.sin(rad));
      // The small epsilon keeps 90-degree turns from gaining a pixel to floating-point noise.
      ow = (int) Math.ceil(w * cos + h * sin - 1e-9);
      oh = (int) Math.ceil(w * sin + h * cos - 1e-9);
    }
    BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, ow, oh);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = AffineTransform.getTranslateInstance((ow - w) / 2.0, (oh - h) / 2.0);
    t.rotate(rad, w / 2.0, h / 2.0);
    g.drawImage(in, t, null);
    g.dispose();
    return out;
  }

  /** Resizes by {@code scale} (bilinear); with {@code back}, returns to the original size (down-up). */
  public static BufferedImage resize(BufferedImage in, double scale, boolean back) {
    int w = Math.max(1, (int) Math.round(in.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(in.getHeight() * scale));
    BufferedImage small = scaleTo(in, w, h);
    return back ? scaleTo(small, in.getWidth(), in.getHeight()) : small;
  }

  public static BufferedImage scaleTo(BufferedImage in, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(in, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** JPEG bytes at {@code quality} (1-100); the baseline encoder writes no timestamps, so output is stable. */
  public static byte[] jpeg(BufferedImage in, int quality) {
    return ImageEncoders.jpeg(in, quality);
  }

  /** A row is ink-free when no pixel is darker than this in any channel (antialiased edges reach ~230). */
  static final int INK_THRESHOLD = 240;

  /**
   * Up to {@code parts} horizontal bands cut only through ink-free rows between lines of text, each cut at the
   * middle of the gap nearest to an equal split. Fewer bands come back when the image has fewer gaps between
   * lines than cuts wanted; an image with no gap is one band.
   */
  public static java.util.List<BufferedImage> bandsBetweenLines(BufferedImage in, int parts) {
    java.util.List<Integer> gaps = lineGaps(toBgr(in));
    java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
    for (int k = 1; k < parts && !gaps.isEmpty(); k++) {
      double ideal = (double) k * in.getHeight() / parts;
      Integer best = null;
      for (int g : gaps) {
        if (!cuts.contains(g) && (best == null || Math.abs(g - ideal) < Math.abs(best - ideal))) {
          best = g;
        }
      }
      if (best != null) {
        cuts.add(best);
      }
    }
    java.util.List<BufferedImage> out = new java.util.ArrayList<>();
    int top = 0;
    for (int cut : cuts) {
      out.add(crop(in, top, cut - top));
      top = cut;
    }
    out.add(crop(in, top, in.getHeight() - top));
    return out;
  }

  /** Middle rows of the ink-free runs that lie between two inked rows. */
  static java.util.List<Integer> lineGaps(BufferedImage bgr) {
    byte[] d = data(bgr);
    int w = bgr.getWidth();
    int h = bgr.getHeight();
    boolean[] ink = new boolean[h];
    for (int y = 0; y < h; y++) {
      for (int i = y * w * 3, end = (y + 1) * w * 3; i < end; i++) {
        if ((d[i] & 0xff) < INK_THRESHOLD) {
          ink[y] = true;
          break;
        }
      }
    }
    java.util.List<Integer> gaps = new java.util.ArrayList<>();
    int lastInk = -1;
    for (int y = 0; y < h; y++) {
      if (ink[y]) {
        if (lastInk >= 0 && y - lastInk > 1) {
          gaps.add((lastInk + 1 + y) / 2);
        }
        lastInk = y;
      }
    }
    return gaps;
  }

  private static BufferedImage crop(BufferedImage in, int y, int h) {
    BufferedImage band = new BufferedImage(in.getWidth(), h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = band.createGraphics();
    g.drawImage(in, 0, -y, null);
    g.dispose();
    return band;
  }

  private static BufferedImage copy(BufferedImage in) {
    BufferedImage bgr = toBgr(in);
    BufferedImage out = new BufferedImage(bgr.getWidth(), bgr.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    System.arraycopy(data(bgr), 0, data(out), 0, data(bgr).length);
    return out;
  }

  private static byte[] data(BufferedImage image) {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }

  private static byte clamp(int v) {
    return (byte) Math.max(0, Math.min(255, v));
  }
}
