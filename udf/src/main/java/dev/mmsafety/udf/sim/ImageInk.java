package dev.mmsafety.udf.sim;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * What the simulator "sees" in an image, from its pixels alone (no OCR): ink statistics of three horizontal bands.
 * Typed text on a page is mostly white, a small share of dark pixels, and rows of ink that switch between dark and
 * light many times (glyph strokes); photos and drawings are colourful, mid-toned, with few long dark runs. A page
 * whose every band is text or blank is {@link Kind#TEXT} (a FigStep or typographic image); one with a text band
 * and a picture band is {@link Kind#BANNER} (MM-SafetyBench's SD+TYPO); the rest are {@link Kind#PHOTO}.
 * Light blurring and JPEG re-encoding keep text readable, so they keep the kind.
 *
 * @param darkShare share of pixels darker than {@value #DARK}
 * @param whiteShare share of pixels lighter than {@value #WHITE}
 * @param inkRuns mean dark/light switches per row holding ink, over the text-like bands (0 when none)
 * @param colourfulness mean chroma of the pixels (0 grey, about 100 for saturated colour)
 * @param tone the dominant colour family of the non-white pixels, for captions
 */
public record ImageInk(Kind kind, double darkShare, double whiteShare, double inkRuns, double colourfulness, String tone) {
  static final int DARK = 110;
  static final int WHITE = 200;
  /** Images are sampled on a grid at most this many pixels wide. */
  private static final int SAMPLE_WIDTH = 320;
  private static final int CACHE_ENTRIES = 2048;
  public static final ImageInk UNREADABLE = new ImageInk(Kind.UNREADABLE, 0, 0, 0, 0, "unknown");

  private static final Map<String, ImageInk> CACHE =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImageInk> eldest) {
          return size() > CACHE_ENTRIES;
        }
      });

  /** What an image looks like to the simulator. */
  public enum Kind {
    TEXT, BANNER, PHOTO, UNREADABLE;

    /** Text someone could read and follow: a typographic page or a banner. */
    public boolean carriesText() {
      return this == TEXT || this == BANNER;
    }
  }

  static ImageInk cached(String digest, java.util.function.Supplier<byte[]> bytes) {
    ImageInk known = CACHE.get(digest);
    if (known == null) {
      byte[] decoded;
      try {
        decoded = bytes.get();
      } catch (IllegalArgumentException e) {
        decoded = new byte[0]; // checked by the scan already; unreadable if it still does not decode
      }
      known = of(decoded);
      CACHE.put(digest, known);
    }
    return known;
  }

  /** Reads the pixels; bytes no decoder reads are UNREADABLE. */
  public static ImageInk of(byte[] bytes) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      return UNREADABLE;
    }
    return image == null || image.getWidth() < 2 || image.getHeight() < 3 ? UNREADABLE : of(image);
  }

  public static ImageInk of(BufferedImage image) {
    int step = Math.max(1, (image.getWidth() + SAMPLE_WIDTH - 1) / SAMPLE_WIDTH);
    int w = image.getWidth() / step;
    int h = image.getHeight() / step;
    int[][] lum = new int[h][w];
    double chroma = 0;
    double[] hues = new double[6];
    long dark = 0;
    long white = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x * step, y * step);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int l = (299 * r + 587 * g + 114 * b) / 1000;
        lum[y][x] = l;
        int c = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
        chroma += c;
        dark += l < DARK ? 1 : 0;
        white += l > WHITE ? 1 : 0;
        if (l <= WHITE && c > 40) {
          hues[hueFamily(r, g, b)]++;
        }
      }
    }
    double n = (double) w * h;
    Band[] bands = {band(lum, 0, h / 3), band(lum, h / 3, 2 * h / 3), band(lum, 2 * h / 3, h)};
    int text = 0;
    int blank = 0;
    double runs = 0;
    for (Band band : bands) {
      if (band.textLike()) {
        text++;
        runs += band.runsPerInkRow;
      } else if (band.blank()) {
        blank++;
      }
    }
    Kind kind = text == 0 ? Kind.PHOTO : text + blank == bands.length ? Kind.TEXT : Kind.BANNER;
    return new ImageInk(kind, dark / n, white / n, text == 0 ? 0 : runs / text, chroma / n, tone(hues, dark / n));
  }

  /** Ink statistics of rows [from, to). */
  private record Band(double dark, double white, double runsPerInkRow, double inkRows) {
    boolean blank() {
      return white > 0.97;
    }

    boolean textLike() {
      return white > 0.55 && dark > 0.008 && dark < 0.45 && runsPerInkRow >= 5 && inkRows > 0.1;
    }
  }

  private static Band band(int[][] lum, int from, int to) {
    long dark = 0;
    long white = 0;
    long inkRows = 0;
    long switches = 0;
    int w = lum[0].length;
    for (int y = from; y < to; y++) {
      int rowDark = 0;
      int rowSwitches = 0;
      for (int x = 0; x < w; x++) {
        boolean d = lum[y][x] < DARK;
        rowDark += d ? 1 : 0;
        white += lum[y][x] > WHITE ? 1 : 0;
        if (x > 0 && d != (lum[y][x - 1] < DARK)) {
          rowSwitches++;
        }
      }
      dark += rowDark;
      if (rowDark > w / 100) {
        inkRows++;
        switches += rowSwitches;
      }
    }
    double n = Math.max(1.0, (double) (to - from) * w);
    return new Band(dark / n, white / n, inkRows == 0 ? 0 : switches / (double) inkRows,
        inkRows / Math.max(1.0, to - from));
  }

  private static final String[] TONES = {"red and orange", "yellow and olive", "green", "teal and blue", "blue and violet",
      "pink and purple"};

  private static int hueFamily(int r, int g, int b) {
    float[] hsb = java.awt.Color.RGBtoHSB(r, g, b, null);
    return Math.min(5, (int) (((hsb[0] * 360 + 15) % 360) / 60));
  }

  private static String tone(double[] hues, double dark) {
    int best = -1;
    for (int i = 0; i < hues.length; i++) {
      if (hues[i] > 0 && (best < 0 || hues[i] > hues[best])) {
        best = i;
      }
    }
    return best < 0 ? (dark > 0.5 ? "dark grey" : "grey and white") : TONES[best];
  }
}
