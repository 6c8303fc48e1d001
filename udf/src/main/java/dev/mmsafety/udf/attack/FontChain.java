package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.text.AttributedString;
import java.text.Bidi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fonts a typographic attack draws with, in order: the face (the generator's own, or the {@code font}
 * parameter's file followed by the generator's), then the fallbacks FreeSans, FreeSerif (bundled) and Noto Sans CJK
 * SC (Debian fonts-noto-cjk, when installed). Each run of one script takes the first font that has every glyph of
 * the run, so that Arabic and Devanagari are shaped by one font; Java2D's TextLayout does the shaping and the
 * bidirectional ordering. Characters no font has are reported by {@link #missing}, and the attack refuses the text.
 */
public final class FontChain {
  /** The generator faces. */
  public enum Face {
    /** FigStep: FreeMonoBold through Java2D's string path (monospaced: glyphs land where Pillow puts them). */
    FIGSTEP(Fonts.FREE_MONO_BOLD, false),
    /** MM-SafetyBench typography: Liberation Sans with kerning and ligatures, as HarfBuzz (Pillow's raqm) shapes. */
    BANNER(Fonts.LIBERATION_SANS, true);

    final String file;
    final boolean shaped;

    Face(String file, boolean shaped) {
      this.file = file;
      this.shaped = shaped;
    }
  }

  /** Measuring and drawing context: antialiased, fractional advances (the Graphics2D hints match). */
  static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  /** The environment setting under which the JDK hints glyphs as Pillow's FreeType does. */
  public static final String FREETYPE_PROPERTIES = "truetype:interpreter-version=40";

  /**
   * True when glyph images are hinted as Pillow hints them: FreeType's TrueType interpreter v40 (vertical hinting
   * only). The JDK forces the older v35 (which also moves stems sideways) unless the environment variable
   * FREETYPE_PROPERTIES names the interpreter version, so {@code ./mmsafety}, the tests and the Docker image set
   * it to {@value #FREETYPE_PROPERTIES}. Without it shaped faces are drawn unhinted (noted on every image).
   */
  public static final boolean PILLOW_HINTING;

  /** Glyph images for shaped faces: hinted (Java2D hints only without fractional metrics) when v40 is on. */
  private static final FontRenderContext GLYPH_IMAGES;

  static {
    FontRenderContext hinted = new FontRenderContext(null, true, false);
    Font probe = Fonts.get(Fonts.LIBERATION_SANS, 90);
    // v35 widens Liberation Sans' W by 4 px at 90 px; v40 leaves horizontal extents as the outline has them.
    int hintedWidth = probe.createGlyphVector(hinted, "W").getGlyphPixelBounds(0, hinted, 0, 0).width;
    int outlineWidth = probe.createGlyphVector(FRC, "W").getGlyphPixelBounds(0, FRC, 0, 0).width;
    PILLOW_HINTING = hintedWidth == outlineWidth;
    GLYPH_IMAGES = PILLOW_HINTING ? hinted : FRC;
  }

  private static final Map<Face, FontChain> DEFAULTS = new ConcurrentHashMap<>();

  private final List<Font> bases;
  private final boolean shaped;
  private final Map<Integer, Font[]> sized = new ConcurrentHashMap<>();

  private FontChain(List<Font> bases, boolean shaped) {
    this.bases = List.copyOf(bases);
    this.shaped = shaped;
  }

  /** The generator's face and the fallbacks. */
  public static FontChain of(Face face) {
    return DEFAULTS.computeIfAbsent(face, f -> new FontChain(withFallbacks(List.of(Fonts.bundled(f.file))), f.shaped));
  }

  /**
   * The chain for an attack's {@code font} parameter: the default chain when null, else the file's face first.
   *
   * @throws ConfigException "Cannot create attack LABEL: parameter 'font' FILE does not load: why"
   */
  public static FontChain of(Face face, String fontFile, String attackLabel) {
    if (fontFile == null) {
      return of(face);
    }
    try {
      return new FontChain(withFallbacks(List.of(Fonts.user(fontFile), Fonts.bundled(face.file))), face.shaped);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot create attack " + attackLabel + ": parameter 'font' " + fontFile + " does not load: " + e.getMessage());
    }
  }

  private static List<Font> withFallbacks(List<Font> first) {
    List<Font> candidates = new ArrayList<>(first);
    candidates.add(Fonts.bundled(Fonts.FREE_SANS));
    candidates.add(Fonts.bundled(Fonts.FREE_SERIF));
    Fonts.system(Fonts.NOTO_SANS_CJK, Fonts.NOTO_SANS_CJK_FAMILY).ifPresent(candidates::add);
    Map<String, Font> byName = new LinkedHashMap<>();
    candidates.forEach(f -> byName.putIfAbsent(f.getFontName(Locale.ROOT), f));
    return List.copyOf(byName.values());
  }

  /** The first font at {@code px}: its metrics place the lines. */
  public Font primary(int px) {
    return fonts(px)[0];
  }

  /** Font names in chain order (for messages and docs). */
  public List<String> names() {
    return bases.stream().map(f -> f.getFontName(Locale.ROOT)).toList();
  }

  /** Distinct characters of {@code text} that need a glyph and have none in any font, in order of appearance. */
  public List<Integer> missing(String text) {
    Font first = bases.get(0);
    if (first.canDisplayUpTo(text) == -1) {
      return List.of();
    }
    Set<Integer> missing = new LinkedHashSet<>();
    text.codePoints().filter(cp -> needsGlyph(cp) && indexFor(cp) < 0).forEach(missing::add);
    return List.copyOf(missing);
  }

  /** Names of the fallback fonts (not the first) that {@code text} needs. */
  public Set<String> fallbacksFor(String text) {
    Set<String> used = new LinkedHashSet<>();
    for (Run r : runs(display(text))) {
      if (r.font > 0) {
        used.add(bases.get(r.font).getFontName(Locale.ROOT));
      }
    }
    return used;
  }

  /** Advance width of {@code text} at {@code px}, shaped as it will be drawn (Pillow's {@code textlength}). */
  public double advance(String text, int px) {
    String s = display(text);
    if (s.isEmpty()) {
      return 0;
    }
    List<Run> runs = runs(s);
    if (pillowPositioned(s, runs)) {
      long[] pens = pens(glyphs(s, px, FRC));
      return pens[pens.length - 1] / 64.0;
    }
    return layout(s, runs, px).getAdvance();
  }

  /** Draws one line with its baseline at {@code (x, baseline)}; g carries the hints of {@link #FRC}. */
  public void draw(Graphics2D g, String text, int px, float x, float baseline) {
    String s = display(text);
    if (s.isBlank()) {
      return;
    }
    List<Run> runs = runs(s);
    if (pillowPositioned(s, runs)) {
      long[] pens = pens(glyphs(s, px, FRC));
      GlyphVector glyphs = glyphs(s, px, GLYPH_IMAGES);
      if (glyphs.getNumGlyphs() != pens.length - 1) {
        glyphs = glyphs(s, px, FRC); // the same shaping either way; kept in case a font says otherwise
      }
      for (int i = 0; i < pens.length; i++) {
        glyphs.setGlyphPosition(i, new Point2D.Double(Math.floorDiv(pens[i] + 32, 64), 0));
      }
      g.drawGlyphVector(glyphs, x, baseline);
    } else if (runs.size() == 1 && runs.get(0).font == 0) {
      g.setFont(primary(px)); // Java2D's fast path; it shapes complex text itself
      g.drawString(s, x, baseline);
    } else {
      layout(s, runs, px).draw(g, x, baseline);
    }
  }

  /**
   * Shaped faces place left-to-right text of the first font glyph by glyph as Pillow does with raqm: HarfBuzz
   * advances and kerning in 1/64 px, each glyph at its pen position rounded to a whole pixel.
   */
  private boolean pillowPositioned(String s, List<Run> runs) {
    return shaped && runs.size() == 1 && runs.get(0).font == 0 && !Bidi.requiresBidi(s.toCharArray(), 0, s.length());
  }

  private GlyphVector glyphs(String s, int px, FontRenderContext frc) {
    char[] chars = s.toCharArray();
    return primary(px).layoutGlyphVector(frc, chars, 0, chars.length, Font.LAYOUT_LEFT_TO_RIGHT);
  }

  /** Pen positions in 1/64 px before each glyph and after the last: advance and kerning each rounded half up. */
  private static long[] pens(GlyphVector glyphs) {
    int n = glyphs.getNumGlyphs();
    float[] positions = glyphs.getGlyphPositions(0, n + 1, null);
    long[] pens = new long[n + 1];
    for (int i = 0; i < n; i++) {
      double advance = glyphs.getGlyphMetrics(i).getAdvanceX();
      double kerning = positions[2 * (i + 1)] - positions[2 * i] - advance;
      pens[i + 1] = pens[i] + sixtyFourths(advance) + sixtyFourths(kerning);
    }
    return pens;
  }

  /** Rounds to 1/64 px, half up; the tolerance absorbs float noise on the exact halves font units can give. */
  private static long sixtyFourths(double px) {
    return (long) Math.floor(px * 64 + 0.5 + 1e-3);
  }

  private TextLayout layout(String s, int px) {
    return layout(s, runs(s), px);
  }

  private TextLayout layout(String s, List<Run> runs, int px) {
    Font[] fonts = fonts(px);
    if (runs.size() == 1) {
      return new TextLayout(s, fonts[runs.get(0).font], FRC);
    }
    AttributedString attributed = new AttributedString(s);
    for (Run r : runs) {
      attributed.addAttribute(TextAttribute.FONT, fonts[r.font], r.start, r.end);
    }
    return new TextLayout(attributed.getIterator(), FRC);
  }

  private Font[] fonts(int px) {
    return sized.computeIfAbsent(px, size -> {
      Font[] out = new Font[bases.size()];
      for (int i = 0; i < out.length; i++) {
        Font f = bases.get(i).deriveFont((float) size);
        out[i] = shaped
            ? f.deriveFont(Map.of(TextAttribute.KERNING, TextAttribute.KERNING_ON, TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON))
            : f;
      }
      return out;
    });
  }

  /** A stretch of a line drawn with one font (chars [start, end) of the display string). */
  private record Run(int start, int end, int font) {}

  /**
   * Splits a display string into script runs (common and inherited characters join the run they are in) and gives
   * each the first font that covers all of it; a run no single font covers is split per character, marks staying
   * with their base's font when it has them.
   */
  private List<Run> runs(String s) {
    if (bases.get(0).canDisplayUpTo(s) == -1) {
      return List.of(new Run(0, s.length(), 0));
    }
    List<Run> out = new ArrayList<>();
    int start = 0;
    Character.UnicodeScript script = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
      boolean neutral =
          sc == Character.UnicodeScript.COMMON || sc == Character.UnicodeScript.INHERITED || sc == Character.UnicodeScript.UNKNOWN;
      if (!neutral && script != null && sc != script) {
        addScriptRun(s, start, i, out);
        start = i;
      }
      if (!neutral) {
        script = sc;
      }
      i += Character.charCount(cp);
    }
    addScriptRun(s, start, s.length(), out);
    return merge(out);
  }

  private void addScriptRun(String s, int start, int end, List<Run> out) {
    for (int f = 0; f < bases.size(); f++) {
      if (covers(bases.get(f), s, start, end)) {
        out.add(new Run(start, end, f));
        return;
      }
    }
    int previous = 0;
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      int f = !needsGlyph(cp) || bases.get(previous).canDisplay(cp) ? previous : Math.max(indexFor(cp), 0);
      out.add(new Run(i, i + n, f));
      previous = f;
      i += n;
    }
  }

  private static List<Run> merge(List<Run> runs) {
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      Run last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.font == r.font && last.end == r.start) {
        out.set(out.size() - 1, new Run(last.start, r.end, r.font));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean covers(Font font, String s, int start, int end) {
    for (int i = start; i < end; ) {
      int cp = s.codePointAt(i);
      if (needsGlyph(cp) && !font.canDisplay(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  private int indexFor(int cp) {
    for (int f = 0; f < bases.size(); f++) {
      if (bases.get(f).canDisplay(cp)) {
        return f;
      }
    }
    return -1;
  }

  /**
   * What is drawn for {@code text}: whitespace as plain spaces, and format characters (zero-width, bidi marks, soft
   * hyphen, BOM) dropped except the joiners and bidi controls Java2D's shaping uses invisibly.
   */
  static String display(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int n = Character.charCount(cp);
      boolean plain = cp == ' ' || (!TextWrap.isPythonSpace(cp) && (!ignorable(cp) || shapingControl(cp)));
      if (!plain && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        if (TextWrap.isPythonSpace(cp)) {
          out.append(' ');
        } else if (plain) {
          out.appendCodePoint(cp);
        }
      }
      i += n;
    }
    return out == null ? text : out.toString();
  }

  /** True for characters that must be drawn with a glyph: not whitespace, not an invisible format character. */
  static boolean needsGlyph(int cp) {
    return !TextWrap.isPythonSpace(cp) && !ignorable(cp);
  }

  private static boolean ignorable(int cp) {
    return Character.getType(cp) == Character.FORMAT
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || cp == 0x034F;
  }

  /** ZWNJ, ZWJ, LRM, RLM and the bidi embeddings: Java2D maps them to invisible glyphs and honours them. */
  private static boolean shapingControl(int cp) {
    return (cp >= 0x200C && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E);
  }
}
