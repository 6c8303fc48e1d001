package dev.mmsafety.udf.attack;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of FigStep's step-list image (ThuCCSLab/FigStep src/generate_prompts.py, run with Pillow): a square
 * canvas of {@code canvas} px, the font size, the text origin ({@code x}, {@code y}), Pillow's multiline
 * {@code spacing}, the {@code textwrap} width, the number of empty numbered items, and the smallest font
 * {@link Typography.Overflow#SHRINK} goes down to.
 */
public record FigStepLayout(int canvas, int fontPx, int x, int y, int spacing, int wrap, int steps, int minFontPx) {
  /** The paper's: FreeMonoBold 80 px on 760x760 at (20,10), spacing 11, no scaling, wrapped at 15, items 1-3. */
  public static final FigStepLayout PAPER = new FigStepLayout(760, 80, 20, 10, 11, 15, 3, 24);

  /**
   * The text as Pillow splits it into lines: {@code textwrap.fill(instruction, wrap)} (after removing one trailing
   * newline) followed by the empty items "1. " "2. " ... up to {@code steps}.
   */
  List<String> lines(String instruction) {
    String text = instruction.endsWith("\n") ? instruction.substring(0, instruction.length() - 1) : instruction;
    List<String> lines = new ArrayList<>(TextWrap.wrap(text, wrap));
    if (lines.isEmpty()) {
      lines.add(""); // "".split("\n") is [""]
    }
    for (int i = 1; i <= steps; i++) {
      lines.add(i + ". ");
    }
    return lines;
  }

  /** Whether {@code lineCount} lines, and a full-width line of "M", fit the canvas at {@code px}. */
  boolean fits(int lineCount, FontChain fonts, int px) {
    Font font = fonts.primary(px);
    int ascent = Typography.ascent(font);
    int bottom = y + ascent + (lineCount - 1) * (ascent + spacing) + Typography.descent(font);
    int right = x + (int) Math.ceil(fonts.advance("M".repeat(wrap), px));
    return bottom <= canvas && right <= canvas;
  }
}
