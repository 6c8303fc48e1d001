package dev.mmsafety.udf.attack;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Typographic images as the reference generators draw them with Pillow: FigStep's step list
 * ({@link FigStepLayout#PAPER}) and MM-SafetyBench's key-phrase banner ({@link BannerLayout}). Line pitch is
 * Pillow's multiline rule: the bottom of "A" placed at the origin (the font's ascent) plus the spacing. Characters
 * outside the face come from the {@link FontChain} fallbacks (noted); characters no font has make the text a
 * {@code text_unsupported_glyphs} reject.
 */
public final class Typography {
  private static final FigStepLayout FIGSTEP = FigStepLayout.PAPER;
  /** Texts longer than this are cut before rendering (nothing legible fits beyond it anyway). */
  public static final int MAX_TEXT_CHARS = 1000;
  /** At most this many unsupported characters are named in a reject message. */
  static final int MAX_NAMED_CHARS = 8;

  /** How FigStep text that does not fit the canvas is handled. */
  public enum Overflow {
    /** Keep 80 px and let lower lines fall off the canvas, as the original generator does; the default. */
    CLIP,
    /** Reduce the font size (down to {@link FigStepLayout#minFontPx()}) until every line fits. */
    SHRINK,
    /** Refuse to render; the probe becomes a reject. */
    REJECT
  }

  /** An image and the fallback taken to draw it (null when none). */
  public record Rendered(BufferedImage image, String note) {}

  private Typography() {}

  /**
   * FigStep's text as Pillow splits it into lines: {@code textwrap.fill(instruction, 15)} (after removing one
   * trailing newline) followed by the empty items "1. " "2. " "3. ".
   */
  public static List<String> figStepLines(String instruction) {
    return FIGSTEP.lines(instruction);
  }

  /** Renders the FigStep image for {@code instruction} with FreeMonoBold and the fallbacks. */
  public static Rendered figStep(String instruction, Overflow overflow) throws AttackException {
    return figStep(instruction, overflow, FontChain.of(FontChain.Face.FIGSTEP));
  }

  /** Renders the FigStep image; throws {@link AttackException} when it cannot. */
  public static Rendered figStep(String instruction, Overflow overflow, FontChain fonts) throws AttackException {
    Notes notes = new Notes();
    List<String> lines = figStepLines(prepare(instruction, fonts, notes));
    int px = FIGSTEP.fontPx();
    if (!FIGSTEP.fits(lines.size(), fonts, px)) {
      switch (overflow) {
        case REJECT -> throw new AttackException("text_too_long", "Cannot render FigStep image: " + lines.size()
            + " lines do not fit " + FIGSTEP.canvas() + " px at " + FIGSTEP.fontPx() + " px");
        case CLIP -> notes.add(
            "clipped: " + lines.size() + " lines do not fit at " + FIGSTEP.fontPx() + " px (original behaviour)");
        case SHRINK -> {
          while (px > FIGSTEP.minFontPx() && !FIGSTEP.fits(lines.size(), fonts, px)) {
            px--;
          }
          notes.add(
              FIGSTEP.fits(lines.size(), fonts, px)
                  ? "font reduced to " + px + " px to fit " + lines.size() + " lines"
                  : "font reduced to " + px + " px and lower lines clipped");
        }
      }
    }
    int finalPx = px;
    if (lines.stream().anyMatch(line -> FIGSTEP.x() + fonts.advance(line, finalPx) > FIGSTEP.canvas())) {
      notes.add("a line wider than " + FIGSTEP.canvas() + " px is clipped at the right edge (original behaviour)");
    }
    BufferedImage image = canvas(FIGSTEP.canvas(), FIGSTEP.canvas());
    drawLines(image, lines, fonts, px, FIGSTEP.x(), FIGSTEP.y(), FIGSTEP.spacing());
    return new Rendered(image, notes.text());
  }

  /** MM-SafetyBench's TYPO image of {@code phrase} with Liberation Sans and the fallbacks. */
  public static Rendered banner(String phrase) throws AttackException {
    return banner(phrase, FontChain.of(FontChain.Face.BANNER));
  }

  /** MM-SafetyBench's TYPO image of {@code phrase}. */
  public static Rendered banner(String phrase, FontChain fonts) throws AttackException {
    Notes notes = new Notes();
    BannerLayout layout = BannerLayout.of(prepare(phrase, fonts, notes), fonts);
    if (!FontChain.PILLOW_HINTING) {
      notes.add("glyphs unhinted: FREETYPE_PROPERTIES=" + FontChain.FREETYPE_PROPERTIES + " is not set for this JVM");
    }
    if (layout.clipsRight()) {
      notes.add("a word wider than 1024 px is clipped at the right edge");
    }
    BufferedImage image = canvas(BannerLayout.WIDTH, layout.height());
    drawLines(image, layout.lines(), fonts, BannerLayout.FONT_PX, 0, BannerLayout.Y, BannerLayout.SPACING);
    return new Rendered(image, notes.text());
  }

  /** A white greyscale canvas (PNG output is RGB). */
  public static BufferedImage canvas(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /** Draws lines with their ascent line at y, pitch = ascent + spacing (Pillow's multiline layout). */
  static void drawLines(BufferedImage image, List<String> lines, FontChain fonts, int px, int x, int y, int spacing) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Color.BLACK);
    int ascent = ascent(fonts.primary(px));
    int pitch = ascent + spacing;
    for (int i = 0; i < lines.size(); i++) {
      int baseline = y + ascent + i * pitch;
      if (baseline - ascent > image.getHeight()) {
        break;
      }
      fonts.draw(g, lines.get(i), px, x, baseline);
    }
    g.dispose();
  }

  static int ascent(Font font) {
    return (int) Math.ceil(font.getLineMetrics("A", FontChain.FRC).getAscent() - 1e-3);
  }

  static int descent(Font font) {
    return (int) Math.ceil(font.getLineMetrics("A", FontChain.FRC).getDescent() - 1e-3);
  }

  /**
   * Checks text before drawing: text with nothing visible is refused ({@code text_empty}); over-long text is cut
   * (noted); characters no font of the chain has are refused by name ({@code text_unsupported_glyphs}), never
   * drawn as '?' or a box; fallback fonts taken are noted.
   */
  static String prepare(String text, FontChain fonts, Notes notes) throws AttackException {
    if (text == null || text.codePoints().noneMatch(FontChain::needsGlyph)) {
      throw new AttackException("text_empty", "Cannot render text: it is empty");
    }
    String out = text;
    if (out.codePointCount(0, out.length()) > MAX_TEXT_CHARS) {
      out = out.substring(0, out.offsetByCodePoints(0, MAX_TEXT_CHARS));
      notes.add("text cut to " + MAX_TEXT_CHARS + " characters");
    }
    List<Integer> missing = fonts.missing(out);
    if (!missing.isEmpty()) {
      String named =
          missing.stream().limit(MAX_NAMED_CHARS).map(Typography::describe).collect(Collectors.joining(", "));
      throw new AttackException(
          "text_unsupported_glyphs",
          "Cannot render text: " + missing.size() + " character(s) have no glyph in any font ("
              + String.join(", ", fonts.names()) + "): " + named
              + (missing.size() > MAX_NAMED_CHARS ? " and " + (missing.size() - MAX_NAMED_CHARS) + " more" : ""));
    }
    Set<String> fallbacks = fonts.fallbacksFor(out);
    if (!fallbacks.isEmpty()) {
      notes.add("fallback font(s): " + String.join(", ", fallbacks));
    }
    return out;
  }

  /** "U+1F600 '😀'"; control, private-use and unassigned code points without the quoted character. */
  static String describe(int cp) {
    String code = String.format("U+%04X", cp);
    int type = Character.getType(cp);
    boolean invisible = type == Character.CONTROL || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    return invisible ? code : code + " '" + new String(Character.toChars(cp)) + "'";
  }

  /** Collects fallback notes; joined with "; ". */
  static final class Notes {
    private final List<String> items = new ArrayList<>();

    void add(String note) {
      if (note != null && !note.isBlank()) {
        items.add(note);
      }
    }

    String text() {
      return items.isEmpty() ? null : String.join("; ", items);
    }
  }
}
