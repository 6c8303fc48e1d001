package dev.mmsafety.udf.attack;

import java.util.List;

/**
 * What an attack makes of one case, before images are stored.
 *
 * @param promptText the text part of the request
 * @param images image parts in order (may be empty)
 * @param sourceImageSha256 hash of the case image the attack started from, or null
 * @param note the documented fallback taken, or null
 */
public record ProbeDraft(String promptText, List<ImagePart> images, String sourceImageSha256, String note) {
  public ProbeDraft {
    images = List.copyOf(images);
  }
}
