package dev.mmsafety.udf.attack;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Font files, loaded with {@link Font#createFont} so that rendering never depends on what the JVM finds installed:
 * the bundled faces (resources {@code /mmsafety/fonts/}, licences beside them), Debian font packages at fixed paths
 * (present or not, never searched for), and user files named by a {@code font} parameter. Each file is read once
 * per JVM.
 */
public final class Fonts {
  /** FigStep's face (GNU FreeFont, GPL-3+ with the font exception). */
  public static final String FREE_MONO_BOLD = "FreeMonoBold.ttf";
  /** MM-SafetyBench typography: Liberation Sans 2.1.5 (SIL OFL 1.1), metric-compatible with Arial. */
  public static final String LIBERATION_SANS = "LiberationSans-Regular.ttf";
  /** Fallback for Cyrillic, Greek, Hebrew, Devanagari and other scripts (GNU FreeFont). */
  public static final String FREE_SANS = "FreeSans.ttf";
  /** Fallback for Arabic and scripts FreeSans lacks (GNU FreeFont). */
  public static final String FREE_SERIF = "FreeSerif.ttf";
  /** Han, kana and hangul: Noto Sans CJK from Debian's fonts-noto-cjk (too large to bundle). */
  public static final Path NOTO_SANS_CJK = Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
  /** The face of the collection we draw with (the collection holds JP, KR, SC, TC and HK faces). */
  public static final String NOTO_SANS_CJK_FAMILY = "Noto Sans CJK SC";

  private static final String ROOT = "/mmsafety/fonts/";
  private static final Map<String, Font> BUNDLED = new ConcurrentHashMap<>();
  private static final Map<Path, Optional<Font>> SYSTEM = new ConcurrentHashMap<>();
  private static final Map<String, Font> USER = new ConcurrentHashMap<>();

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Fonts() {}

  /** A bundled face at {@code px} pixels per em (Java2D's point size equals pixels under an identity transform). */
  public static Font get(String file, int px) {
    return bundled(file).deriveFont((float) px);
  }

  /** A bundled face at size 1. */
  static Font bundled(String file) {
    return BUNDLED.computeIfAbsent(file, Fonts::loadBundled);
  }

  /** The face {@code family} of an installed font file or collection; empty when the file is absent or unreadable. */
  static Optional<Font> system(Path file, String family) {
    return SYSTEM.computeIfAbsent(file, f -> loadSystem(f, family));
  }

  /**
   * A user's font file (local path or Hadoop URI; the first face of a collection).
   *
   * @throws IOException naming what is wrong with it (missing, unreadable, not a TrueType/OpenType font)
   */
  static Font user(String uri) throws IOException {
    Font cached = USER.get(uri);
    if (cached != null) {
      return cached;
    }
    byte[] bytes;
    try {
      bytes = UserFiles.read(uri, new Configuration());
    } catch (FileNotFoundException e) {
      throw new IOException("no such file");
    } catch (IllegalArgumentException e) {
      throw new IOException("not a path or URI (" + e.getMessage() + ")");
    }
    try {
      Font[] faces = Font.createFonts(new ByteArrayInputStream(bytes));
      USER.putIfAbsent(uri, faces[0]);
      return USER.get(uri);
    } catch (FontFormatException e) {
      throw new IOException("not a TrueType/OpenType font (" + e.getMessage() + ")");
    }
  }

  private static Font loadBundled(String file) {
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

  private static Optional<Font> loadSystem(Path file, String family) {
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    try {
      for (Font face : Font.createFonts(file.toFile())) {
        if (face.getFamily(Locale.ROOT).equals(family)) {
          return Optional.of(face);
        }
      }
      return Optional.empty();
    } catch (IOException | FontFormatException e) {
      return Optional.empty();
    }
  }
}
