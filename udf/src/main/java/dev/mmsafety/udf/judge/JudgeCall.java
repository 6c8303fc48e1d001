package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * How a model-calling judge (llm, guard) talks to its model: the image part it may send and the call, whose
 * failures become {@code error} verdicts naming the judge (never exceptions).
 *
 * @param judge the judge's name, for messages
 * @param model the judge model's name on the server
 * @param withImage send the probe's image as the first user part
 */
public record JudgeCall(
    String judge, String model, GenerationSpec generation, boolean withImage, ModelCaller caller, ImageLoader images) {
  /** Adds the probe's image to {@code parts} when this judge sends one; an error verdict when it cannot be read. */
  public Verdict addImage(JudgeInput input, List<ContentPart> parts) {
    if (!withImage || input.imageUri() == null) {
      return null;
    }
    try {
      byte[] bytes = images.load(input.imageUri());
      parts.add(ContentPart.imageBytes(input.imageUri(), Hashing.sha256Hex(bytes), bytes, mimeType(input.imageUri())));
      return null;
    } catch (IOException | RuntimeException e) {
      return Verdict.error("Cannot load image " + input.imageUri() + " for judge " + judge + ": " + e.getMessage());
    }
  }

  /** Asks the model; an answer is read by {@code read}, a failed call is an error verdict with its status. */
  public CompletableFuture<Verdict> ask(List<ChatMessage> messages, Function<String, Verdict> read) {
    return caller
        .call(new ModelRequest(model, messages, generation))
        .thenApply(
            r -> r.ok()
                ? read.apply(r.text())
                : Verdict.error(
                    "judge endpoint " + r.status() + (r.httpStatus() == null ? "" : " (HTTP " + r.httpStatus() + ")")
                        + ": " + r.error()))
        .exceptionally(e -> Verdict.error("Cannot call judge " + judge + ": " + e));
  }

  static String mimeType(String uri) {
    String u = uri.toLowerCase(Locale.ROOT);
    if (u.endsWith(".png")) {
      return "image/png";
    }
    if (u.endsWith(".gif")) {
      return "image/gif";
    }
    if (u.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }
}
