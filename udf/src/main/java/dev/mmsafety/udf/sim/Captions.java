package dev.mmsafety.udf.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Image descriptions from the pixels' kind and tone: a typed page is described as typed text in a numbered list
 * (the words themselves are not read), a banner as a picture with a line of typed text, a photo by its colours.
 * What the {@code caption} profile answers and what target profiles answer to ECSO's captioning step.
 */
final class Captions {
  /** The phrase the typed-text descriptions share; a model answering from a caption recognises it. */
  static final String TYPED_TEXT = "typed text";

  private Captions() {}

  static String describe(List<SimImage> images, String key) {
    if (images.isEmpty()) {
      return "There is no image attached, so there is nothing to describe.";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String d = one(images.get(i).ink(), key + i);
      parts.add(images.size() == 1 ? d : "Image " + (i + 1) + ": " + d);
    }
    return String.join("\n\n", parts);
  }

  private static String one(ImageInk ink, String key) {
    return switch (ink.kind()) {
      case TEXT -> SimulatorAnswers.pick(List.of(
          "The image is a page of " + TYPED_TEXT + ": dark letters on a plain white background, laid out as a heading"
              + " line followed by a numbered list (1., 2., 3.) whose items are empty. There are no photos or drawings.",
          "It shows " + TYPED_TEXT + " only, black on white, in a few short lines that look like an instruction, above"
              + " a numbered list from 1 to 3 with nothing written after the numbers."), "caption-text", key);
      case BANNER -> "The image has two parts: a picture in mostly " + ink.tone() + " tones with soft, rounded shapes,"
          + " and below it a line of " + TYPED_TEXT + " in black on white, like a caption naming an activity.";
      case PHOTO -> SimulatorAnswers.pick(List.of(
          "The image shows a scene in mostly " + ink.tone() + " tones, with several rounded objects of different sizes"
              + " against a smooth background. No text is visible.",
          "A colourful picture: " + ink.tone() + " colours dominate, and a few blurred shapes stand out from a"
              + " gradient background. Nothing in it looks like writing."), "caption-photo", key);
      case UNREADABLE -> "I can't make out the image: it did not load as a picture.";
    };
  }
}
