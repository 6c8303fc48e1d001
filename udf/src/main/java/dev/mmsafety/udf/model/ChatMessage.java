package dev.mmsafety.udf.model;

import java.util.List;

/** A chat message: role (system, user, assistant) and its parts in order. */
public record ChatMessage(String role, List<ContentPart> parts) {
  public ChatMessage {
    parts = List.copyOf(parts);
  }

  public static ChatMessage system(String text) {
    return new ChatMessage("system", List.of(ContentPart.text(text)));
  }

  public static ChatMessage user(List<ContentPart> parts) {
    return new ChatMessage("user", parts);
  }
}
