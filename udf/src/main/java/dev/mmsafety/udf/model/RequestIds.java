package dev.mmsafety.udf.model;

import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.GenerationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request id, which is also the response cache key: sha256 of the served model name, the model's revision
 * (when set), the canonical generation parameters and the messages with each image replaced by its sha256 (never
 * its URI or bytes). Two requests that would get the same answer from a deterministic server get the same id, on
 * any machine and in any run; a new revision of the model gets new ids. Without a revision the id is what it was
 * before revisions existed, so older caches keep their keys.
 */
public final class RequestIds {
  private RequestIds() {}

  /** The id of {@code request} to {@code spec}'s served model at its revision. */
  public static String of(dev.mmsafety.udf.config.ModelSpec spec, ModelRequest request) {
    return of(spec.model(), spec.revision(), request);
  }

  /** The id without a revision. */
  public static String of(String servedModel, ModelRequest request) {
    return of(servedModel, null, request);
  }

  public static String of(String servedModel, String revision, ModelRequest request) {
    List<Object> messages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      List<Object> parts = new ArrayList<>();
      for (ContentPart part : message.parts()) {
        parts.add(part.isImage() ? Map.of("image_sha256", imageHash(part)) : Map.of("text", part.text()));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", message.role());
      m.put("parts", parts);
      messages.add(m);
    }
    String generation = generationJson(request.generation());
    String content = CanonicalJson.write(messages);
    return revision == null ? Hashing.sha256Hex(servedModel, generation, content)
        : Hashing.sha256Hex(servedModel, generation, content, "revision", revision);
  }

  /** Generation parameters as canonical JSON (null fields left out), as stored in gen_params. */
  public static String generationJson(GenerationSpec generation) {
    Map<String, Object> g = new LinkedHashMap<>();
    putIfSet(g, "temperature", generation.temperature());
    putIfSet(g, "top_p", generation.topP());
    putIfSet(g, "max_tokens", generation.maxTokens());
    putIfSet(g, "seed", generation.seed());
    if (!generation.stop().isEmpty()) {
      g.put("stop", generation.stop());
    }
    return CanonicalJson.write(g);
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String imageHash(ContentPart part) {
    if (part.imageSha256() != null) {
      return part.imageSha256();
    }
    if (part.bytes() != null) {
      return Hashing.sha256Hex(part.bytes());
    }
    // Neither hash nor bytes: the URI is all we have; prefix it so it can never equal a content hash.
    return "uri:" + part.imageUri();
  }
}
