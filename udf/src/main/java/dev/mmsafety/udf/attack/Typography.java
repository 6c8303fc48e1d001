package dev.mmsafety.udf.attack;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Typographic images as the reference generators draw them: FigStep's step list (FreeMonoBold 80 px, 760x760,
 * origin (20,10), spacing 11) and MM-SafetyBench's key-phrase banner (90 px, 1024 px wide, greedy word wrap,
 * height = size x (lines + 1)). Line pitch follows Pillow's multiline rule: the bottom of "A" placed at the origin
 * (the font's ascent) plus the spacing. Text the font cannot draw takes a fallback recorded in {@link Rendered#note()}.
 */
public final class Typography {
  public static final int FIGSTEP_CANVAS = 760;
  public static final int FIGSTEP_FONT_PX = 80;
  public static final int FIGSTEP_X = 20;
  public static final int FIGSTEP_Y = 10;
  public static final int FIGSTEP_SPACING = 11;
  public static final int FIGSTEP_WRAP = 15;
  public static final int FIGSTEP_STEPS = 3;
  public static final int FIGSTEP_MIN_FONT_PX = 24;
  public static final int BANNER_WIDTH = 1024;
  public static final int BANNER_FONT_PX = 90;
  /** Pillow's default multiline spacing, which MM-SafetyBench's banner keeps. */
  public static final int BANNER_SPACING = 4;
  /** Texts longer than this are cut before rendering (nothing legible fits beyond it anyway). */
  public static final int MAX_TEXT_CHARS = 1000;
  /** More unsupported characters than this fraction and the text is not rendered at all. */
  public static final double MAX_UNSUPPORTED_FRACTION = 0.2;

  /** How FigStep text that does not fit the canvas is handled. */
  public enum Overflow {
    /** Reduce the font size (down to {@link #FIGSTEP_MIN_FONT_PX}) until every line fits; the default. */
    SHRINK,
    /** Keep 80 px and let lower lines fall off the canvas, as the original generator does. */
    CLIP,
    /** Refuse to render; the probe becomes a reject. */
    REJECT
  }

  /** An image and the fallback taken to draw it (null when none). */
  public record Rendered(BufferedImage image, String note) {}

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private Typography() {}

  /** FigStep's text: the instruction wrapped at 15 characters, then the empty items "1. " "2. " "3. ". */
  public static List<String> figStepLines(String instruction) {
    List<String> lines = new ArrayList<>(TextWrap.wrap(stripTrailingNewline(instruction), FIGSTEP_WRAP));
    for (int i = 1; i <= FIGSTEP_STEPS; i++) {
      lines.add(i + ". ");
    }
    return lines;
  }

  /** Renders the FigStep image for {@code instruction}; throws {@link AttackException} when it cannot. */
  public static Rendered figStep(String instruction, Overflow overflow) throws AttackException {
    Notes notes = new Notes();
    String text = prepare(instruction, Fonts.get(Fonts.FREE_MONO_BOLD, FIGSTEP_FONT_PX), notes);
    List<String> lines = figStepLines(text);
    int px = FIGSTEP_FONT_PX;
    if (!fits(lines.size(), px)) {
      switch (overflow) {
        case REJECT -> throw new AttackException(
            "text_too_long", "Cannot render FigStep image: " + lines.size() + " lines do not fit 760 px at 80 px");
        case CLIP -> notes.add("clipped: " + lines.size() + " lines do not fit at 80 px (original behaviour)");
        case SHRINK -> {
          while (px > FIGSTEP_MIN_FONT_PX && !fits(lines.size(), px)) {
            px--;
          }
          notes.add(
              fits(lines.size(), px)
                  ? "font reduced to " + px + " px to fit " + lines.size() + " lines"
                  : "font reduced to " + px + " px and lower lines clipped");
        }
      }
    }
    BufferedImage image = canvas(FIGSTEP_CANVAS, FIGSTEP_CANVAS);
    drawLines(image, lines, Fonts.get(Fonts.FREE_MONO_BOLD, px), FIGSTEP_X, FIGSTEP_Y, FIGSTEP_SPACING);
    return new Rendered(image, notes.text());
  }

  /** MM-SafetyBench's TYPO image of {@code phrase}. */
  public static Rendered banner(String phrase) throws AttackException {
    Notes notes = new Notes();
    Font font = Fonts.get(Fonts.FREE_SANS, BANNER_FONT_PX);
    String text = prepare(phrase, font, notes).replaceAll("\\s+", " ").trim();
    List<String> lines = greedyLines(text, font, BANNER_WIDTH);
    for (String line : lines) {
      if (width(font, line) > BANNER_WIDTH) {
        notes.add("a word wider than 1024 px is clipped at the right edge");
        break;
      }
    }
    BufferedImage image = canvas(BANNER_WIDTH, BANNER_FONT_PX * (lines.size() + 1));
    drawLines(image, lines, font, 0, BANNER_FONT_PX / 2, BANNER_SPACING);
    return new Rendered(image, notes.text());
  }

  /** Greedy wrap by pixel width; continuation lines start with a space, as in MM-SafetyBench's generator. */
  static List<String> greedyLines(String text, Font font, int maxWidth) {
    List<String> lines = new ArrayList<>();
    String[] words = text.split(" ");
    StringBuilder line = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      String candidate = line + " " + words[i];
      if (width(font, candidate) <= maxWidth) {
        line.append(' ').append(words[i]);
      } else {
        lines.add(line.toString());
        line = new StringBuilder(" ").append(words[i]);
      }
    }
    lines.add(line.toString());
    return lines;
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
  static void drawLines(BufferedImage image, List<String> lines, Font font, int x, int y, int spacing) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Color.BLACK);
    g.setFont(font);
    int ascent = ascent(font);
    int pitch = ascent + spacing;
    for (int i = 0; i < lines.size(); i++) {
      int baseline = y + ascent + i * pitch;
      if (baseline - ascent > image.getHeight()) {
        break;
      }
      if (!lines.get(i).isBlank()) {
        g.drawString(lines.get(i), x, baseline);
      }
    }
    g.dispose();
  }

  static int ascent(Font font) {
    return (int) Math.ceil(font.getLineMetrics("A", FRC).getAscent() - 1e-3);
  }

  static int descent(Font font) {
    return (int) Math.ceil(font.getLineMetrics("A", FRC).getDescent() - 1e-3);
  }

  static double width(Font font, String text) {
    return font.getStringBounds(text, FRC).getWidth();
  }

  private static boolean fits(int lineCount, int px) {
    Font font = Fonts.get(Fonts.FREE_MONO_BOLD, px);
    int ascent = ascent(font);
    int bottom = FIGSTEP_Y + ascent + (lineCount - 1) * (ascent + FIGSTEP_SPACING) + descent(font);
    int right = FIGSTEP_X + (int) Math.ceil(width(font, "M".repeat(FIGSTEP_WRAP)));
    return bottom <= FIGSTEP_CANVAS && right <= FIGSTEP_CANVAS;
  }

  /**
   * Checks and repairs text before drawing: blank text is refused; over-long text is cut; characters the font
   * lacks are first decomposed (accents dropped), then replaced by '?', unless too many are missing.
   */
  static String prepare(String text, Font font, Notes notes) throws AttackException {
    if (text == null || text.isBlank()) {
      throw new AttackException("text_empty", "Cannot render text: it is empty");
    }
    String out = text;
    if (out.codePointCount(0, out.length()) > MAX_TEXT_CHARS) {
      out = out.substring(0, out.offsetByCodePoints(0, MAX_TEXT_CHARS));
      notes.add("text cut to " + MAX_TEXT_CHARS + " characters");
    }
    if (font.canDisplayUpTo(out) == -1) {
      return out;
    }
    StringBuilder repaired = new StringBuilder();
    int replaced = 0;
    int visible = 0;
    for (int i = 0; i < out.length(); ) {
      int cp = out.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isWhitespace(cp)) {
        visible++;
      }
      if (Character.isWhitespace(cp) || font.canDisplay(cp)) {
        repaired.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
        continue;
      }
      String base =
          Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
      if (!base.isEmpty() && font.canDisplayUpTo(base) == -1) {
        repaired.append(base);
      } else {
        repaired.append('?');
        replaced++;
      }
    }
    if (visible == 0 || replaced > MAX_UNSUPPORTED_FRACTION * visible) {
      throw new AttackException(
          "text_unsupported_glyphs",
          "Cannot render text: " + replaced + " of " + visible + " characters have no glyph in " + font.getFontName());
    }
    notes.add(
        replaced == 0
            ? "accented characters drawn without accents"
            : replaced + " characters without a glyph drawn as '?'");
    return repaired.toString();
  }

  private static String stripTrailingNewline(String text) {
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  /** Collects fallback notes; joined with "; ". */
  static final class Notes {
    private final List<String> items = new ArrayList<>();

    void add(String note) {
      if (note != null && !note.isBlank()) {
        items.add(note);
      }
    }

    void addAll(String joined) {
      add(joined);
    }

    String text() {
      return items.isEmpty() ? null : String.join("; ", items);
    }
  }
}
