package dev.mmsafety.udf.attack;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bundled GNU FreeFont faces (GPL-3+ with the font exception; licence beside them in the resources), loaded
 * with {@link Font#createFont} so that rendering never depends on the fonts a machine has installed.
 */
public final class Fonts {
  /** FigStep's face. */
  public static final String FREE_MONO_BOLD = "FreeMonoBold.ttf";
  /** Stand-in for Arial (MM-SafetyBench typography), which is not openly licensed. */
  public static final String FREE_SANS = "FreeSans.ttf";

  private static final String ROOT = "/mmsafety/fonts/";
  private static final Map<String, Font> BASE = new ConcurrentHashMap<>();
  private static final Map<String, Font> SIZED = new ConcurrentHashMap<>();

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Fonts() {}

  /** The face at {@code px} pixels per em (Java2D's point size equals pixels under an identity transform). */
  public static Font get(String file, int px) {
    return SIZED.computeIfAbsent(file + "@" + px, k -> BASE.computeIfAbsent(file, Fonts::load).deriveFont((float) px));
  }

  private static Font load(String file) {
    try (InputStream in = Fonts.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load font " + file + ": resource missing from the jar");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load font " + file, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("Cannot load font " + file + ": " + e.getMessage(), e);
    }
  }
}
