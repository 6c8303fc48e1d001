package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Builds the request for a probe row: optional system prompt, then the prompt text and one part per image. */
public final class InferenceRequests {
  private InferenceRequests() {}

  public static ModelRequest fromProbe(ModelSpec spec, Row probe) {
    return build(spec, ProbesTable.PROMPT_TEXT.getString(probe), ProbesTable.IMAGE_URIS.getList(probe),
        ProbesTable.IMAGE_SHA256S.getList(probe));
  }

  public static ModelRequest build(ModelSpec spec, String text, List<String> uris, List<String> sha256s) {
    List<ChatMessage> messages = new ArrayList<>(2);
    if (spec.systemPrompt() != null && !spec.systemPrompt().isBlank()) {
      messages.add(ChatMessage.system(spec.systemPrompt()));
    }
    List<ContentPart> parts = new ArrayList<>(1 + uris.size());
    if (text != null && !text.isEmpty()) {
      parts.add(ContentPart.text(text));
    }
    for (int i = 0; i < uris.size(); i++) {
      parts.add(ContentPart.image(uris.get(i), i < sha256s.size() ? sha256s.get(i) : null));
    }
    messages.add(ChatMessage.user(parts));
    return new ModelRequest(spec.name(), messages, spec.generation());
  }
}
