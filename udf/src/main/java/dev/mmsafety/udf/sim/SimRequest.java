package dev.mmsafety.udf.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.Hashing;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A chat request as the simulator's profiles see it: the served model name, the text of the system, user and
 * assistant turns (parts joined by newlines), the images in order, and the completion limit.
 *
 * @param maxTokens max_tokens (or max_completion_tokens) of the request; null when not set
 */
public record SimRequest(
    String model, String systemText, String userText, String assistantText, List<SimImage> images, Integer maxTokens) {
  public SimRequest {
    systemText = systemText == null ? "" : systemText;
    userText = userText == null ? "" : userText;
    assistantText = assistantText == null ? "" : assistantText;
    images = List.copyOf(images);
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
    images.forEach(i -> parts.add(i.sha256()));
    return Hashing.sha256Hex(parts.toArray(new String[0]));
  }

  /** Reads an OpenAI chat-completions body; a body that is not a valid chat is an IllegalArgumentException. */
  public static SimRequest parse(JsonNode root) {
    if (root == null || !root.path("messages").isArray() || root.path("messages").isEmpty()) {
      throw new IllegalArgumentException("messages must be a non-empty array");
    }
    StringBuilder system = new StringBuilder();
    StringBuilder user = new StringBuilder();
    StringBuilder assistant = new StringBuilder();
    List<SimImage> images = new ArrayList<>();
    for (JsonNode message : root.path("messages")) {
      String role = message.path("role").asText();
      StringBuilder into = role.equals("system") ? system : role.equals("assistant") ? assistant : user;
      JsonNode content = message.path("content");
      if (content.isTextual()) {
        append(into, content.asText());
        continue;
      }
      for (JsonNode part : content) {
        String type = part.path("type").asText();
        if ("text".equals(type)) {
          append(into, part.path("text").asText());
        } else if ("image_url".equals(type)) {
          images.add(image(part.path("image_url").path("url").asText("")));
        } else {
          throw new IllegalArgumentException("unknown content part type '" + type + "'");
        }
      }
    }
    JsonNode limit = root.hasNonNull("max_completion_tokens") ? root.get("max_completion_tokens") : root.get("max_tokens");
    return new SimRequest(root.path("model").asText(""), system.toString(), user.toString(), assistant.toString(),
        images, limit != null && limit.canConvertToInt() ? limit.asInt() : null);
  }

  private static void append(StringBuilder into, String text) {
    if (into.length() > 0) {
      into.append('\n');
    }
    into.append(text);
  }

  private static SimImage image(String url) {
    if (url.isEmpty()) {
      throw new IllegalArgumentException("image_url.url is empty");
    }
    if (!url.startsWith("data:")) {
      return SimImage.remote(url); // a URL or path the server would read itself
    }
    int comma = url.indexOf(',');
    if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw new IllegalArgumentException("image data URL is not base64");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(url.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("image data URL does not decode: " + e.getMessage());
    }
    if (decoded.length == 0) {
      throw new IllegalArgumentException("image data URL is empty");
    }
    return SimImage.of(decoded);
  }
}
