package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.GenerationSpec;
import java.util.List;

/**
 * A request to a configured model, by its config name. The request id (cache key) is derived from the served
 * model name, the generation parameters and the messages with image hashes, never from URIs or run ids.
 */
public record ModelRequest(String modelName, List<ChatMessage> messages, GenerationSpec generation) {
  public ModelRequest {
    messages = List.copyOf(messages);
  }
}
