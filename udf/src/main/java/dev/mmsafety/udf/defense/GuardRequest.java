package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.answers.LlamaGuard;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Guard requests in the Llama Guard 3 Vision prompt format ({@link LlamaGuard#prompt}), images first in the user
 * turn; their answers are read by {@link LlamaGuard#parse}, as the guard judge reads them.
 */
final class GuardRequest {
  /** Guards answer in two short lines; greedy decoding keeps verdicts reproducible. */
  static final GenerationSpec GENERATION = new GenerationSpec(0.0, null, 32, null, null);

  private GuardRequest() {}

  /** Classifies the last user turn ({@code agentText == null}) or the agent's answer to it. */
  static ModelRequest of(String guardModel, String userText, List<ContentPart> images, String agentText) {
    List<ContentPart> parts = new ArrayList<>(images);
    parts.add(ContentPart.text(LlamaGuard.prompt(userText, agentText)));
    return new ModelRequest(guardModel, List.of(ChatMessage.user(parts)), GENERATION);
  }

  /** The parsed verdict into a defense trace: verdict, categories, and unknown codes when there are any. */
  static void trace(LlamaGuard.Answer answer, Map<String, Object> trace) {
    trace.put("verdict", answer.unsafe() ? "unsafe" : "safe");
    trace.put("categories", answer.categories());
    if (!answer.unknownCategories().isEmpty()) {
      trace.put("unknown_categories", answer.unknownCategories());
    }
  }
}
