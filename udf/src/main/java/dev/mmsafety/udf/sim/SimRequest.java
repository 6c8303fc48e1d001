package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.common.Hashing;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat request as the simulator's profiles see it: the served model name, the text of the system, user and
 * assistant turns (parts joined by newlines), the images in order, and the completion limit.
 *
 * @param maxTokens max_tokens (or max_completion_tokens) of the request; null when not set
 * @param seed the request's sampling seed; null when not set
 */
public record SimRequest(
    String model, String systemText, String userText, String assistantText, List<SimImage> images, Integer maxTokens,
    Long seed) {
  public SimRequest {
    systemText = systemText == null ? "" : systemText;
    userText = userText == null ? "" : userText;
    assistantText = assistantText == null ? "" : assistantText;
    images = List.copyOf(images);
  }

  /** A request without a sampling seed. */
  public SimRequest(
      String model, String systemText, String userText, String assistantText, List<SimImage> images, Integer maxTokens) {
    this(model, systemText, userText, assistantText, images, maxTokens, null);
  }

  /** A text-only user request (tests, benches). */
  public static SimRequest ofText(String model, String systemText, String userText) {
    return new SimRequest(model, systemText, userText, null, List.of(), null);
  }

  /**
   * The hash every decision draws on: user and assistant text plus image bytes. The system prompt is left out on
   * purpose, so a request with and without a shield prompt makes the same draw and only the probabilities differ
   * (paired comparisons see the defense's effect, not noise).
   */
  public String contentKey() {
    List<String> parts = new ArrayList<>();
    parts.add(userText);
    parts.add(assistantText);
    images.forEach(i -> parts.add(i.digest()));
    return Hashing.sha256Hex(parts.toArray(new String[0]));
  }

  /**
   * The request as {@link ChatRequestScan} read it (images are decoded only if a profile looks at them), with the
   * bytes fetched for its http(s) image URLs by URL.
   */
  static SimRequest of(ChatRequestScan.ChatRequest scanned, java.util.Map<String, byte[]> fetched) {
    List<SimImage> images = new ArrayList<>();
    for (int i = 0; i < scanned.images().size(); i++) {
      ChatRequestScan.ImageRef ref = scanned.images().get(i);
      byte[] bytes = ref.kind() == ChatRequestScan.ImageKind.HTTP ? fetched.get(ref.url()) : null;
      images.add(bytes != null ? SimImage.of(bytes) : SimImage.of(scanned, i));
    }
    return new SimRequest(scanned.model() == null ? "" : scanned.model(), scanned.systemText(),
        scanned.promptText(), scanned.assistantText(), images, scanned.maxTokens(), scanned.seed());
  }
}
