package dev.mmsafety.udf.attack;

import java.util.List;

/**
 * The layout of MM-SafetyBench's TYPO image (isXinLiu/MM-SafetyBench creation/2_img_process.py, run with Pillow):
 * the phrase split on single spaces (so a double space is an empty word), a running sum of each word's advance
 * with its leading space, measured alone as Pillow's {@code textlength(" " + word)}; a word goes on a new line,
 * which starts with that space, once the sum is no longer below 1024 px. Height = 90 x (lines + 1); the text is
 * drawn at (0, 45) with Pillow's default multiline spacing 4.
 *
 * <p>One departure, for input the original cannot draw: newlines and carriage returns are taken as spaces (its
 * {@code textlength} raises on multi-line text).
 */
record BannerLayout(List<String> lines, int height, boolean clipsRight) {
  static final int WIDTH = 1024;
  static final int FONT_PX = 90;
  /** The original draws at (0, font_size / 2.0). */
  static final int Y = FONT_PX / 2;
  /** Pillow's default multiline spacing, which the original keeps. */
  static final int SPACING = 4;

  static BannerLayout of(String phrase, FontChain fonts) {
    String[] words = phrase.replace('\n', ' ').replace('\r', ' ').split(" ", -1);
    StringBuilder text = new StringBuilder(words[0]);
    double lineLength = fonts.advance(words[0], FONT_PX);
    int lineCount = 1;
    for (int i = 1; i < words.length; i++) {
      double segment = fonts.advance(" " + words[i], FONT_PX);
      lineLength += segment;
      if (lineLength < WIDTH) {
        text.append(' ').append(words[i]);
      } else {
        text.append("\n ").append(words[i]);
        lineLength = segment;
        lineCount++;
      }
    }
    List<String> lines = List.of(text.toString().split("\n", -1));
    boolean clips = lines.stream().anyMatch(line -> fonts.advance(line, FONT_PX) > WIDTH);
    return new BannerLayout(lines, FONT_PX * (lineCount + 1), clips);
  }
}
