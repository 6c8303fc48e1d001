package dev.mmsafety.udf.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.exceptions.Reason;
import dev.mmsafety.udf.exceptions.ReasonException;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.AnswerChannel;
import dev.mmsafety.udf.model.ModelResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * The OpenAI chat-completions wire format: request bodies out, answers in. Bodies are streamed with a
 * generator; an image URL (a base64 data URL can be hundreds of KB) is written raw, since base64 and the URIs we
 * send need no JSON escaping beyond what {@link #isRawSafe} checks.
 */
public final class ChatWire {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatWire() {}

  /** Gives the URL sent for an image part: a data URL with the bytes, or a URI the server reads itself. */
  @FunctionalInterface
  public interface ImageUrls {
    String urlFor(ContentPart image) throws IOException;
  }

  /** Gives an image part's URL as ASCII bytes (no JSON escaping needed: base64 data URL or a checked URI). */
  @FunctionalInterface
  public interface ImageUrlBytes {
    byte[] urlFor(ContentPart image) throws IOException;
  }

  /** A request body as pieces: small JSON around large image URLs that are spliced in without copying. */
  public record Body(List<byte[]> parts, long length) {
    public byte[] toBytes() {
      byte[] all = new byte[(int) length];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, all, at, p.length);
        at += p.length;
      }
      return all;
    }
  }

  /**
   * The body as pieces: the JSON is generated with a unique placeholder per image, then cut at the placeholders
   * and the (shared, cached) URL bytes are put in their place. Copying a 70 KB data URL several times per request
   * was the client's main cost.
   */
  public static Body requestBodyParts(
      String model, List<ChatMessage> messages, GenerationSpec generation, ImageUrlBytes images) throws IOException {
    String nonce = Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong());
    List<byte[]> urls = new java.util.ArrayList<>();
    byte[] json = requestBody(model, messages, generation, part -> {
      byte[] url = images.urlFor(part);
      if (!startsWith(url, "data:")) {
        return new String(url, java.nio.charset.StandardCharsets.UTF_8); // a URI: small, let Jackson escape it
      }
      if (!isRawSafe(new String(url, 0, Math.min(url.length, 256), java.nio.charset.StandardCharsets.ISO_8859_1))) {
        throw new IOException("image data URL header needs JSON escaping");
      }
      urls.add(url);
      return "mmsafety-image-" + (urls.size() - 1) + "-" + nonce;
    });
    List<byte[]> parts = new java.util.ArrayList<>(2 * urls.size() + 1);
    long length = 0;
    int from = 0;
    for (int i = 0; i < urls.size(); i++) {
      byte[] marker = ("mmsafety-image-" + i + "-" + nonce).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int at = indexOf(json, marker, from);
      if (at < 0) {
        throw new IllegalStateException("Cannot build request body: image placeholder " + i + " not found");
      }
      parts.add(java.util.Arrays.copyOfRange(json, from, at));
      parts.add(urls.get(i));
      length += (at - from) + urls.get(i).length;
      from = at + marker.length;
    }
    parts.add(java.util.Arrays.copyOfRange(json, from, json.length));
    length += json.length - from;
    return new Body(parts, length);
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * What a successful answer carried.
   *
   * @param text the answer text: content, or the refusal for the refusal channel; empty for tool calls and empty
   *     answers; null for a content-filtered answer
   * @param channel where the text came from (an {@link AnswerChannel} id)
   * @param toolCalls message.tool_calls (or the older function_call) as JSON, null when absent
   */
  public record Answer(
      String text, String finishReason, Integer promptTokens, Integer completionTokens, String channel,
      String toolCalls) {
    public Answer(String text, String finishReason, Integer promptTokens, Integer completionTokens) {
      this(text, finishReason, promptTokens, completionTokens, AnswerChannel.CONTENT.id(), null);
    }

    /** finish_reason content_filter with no content: the provider withheld the answer. */
    public boolean filtered() {
      return AnswerChannel.CONTENT_FILTER.id().equals(channel);
    }
  }

  /** A 2xx body that is not a usable answer. */
  public static final class BadResponseException extends Exception {
    public BadResponseException(String message) {
      super(message);
    }
  }

  /**
   * A 2xx body that is the server's error report: {@code {"error": {...}}} or vLLM's older
   * {@code {"object": "error", "message": ...}}.
   *
   * @param code the server's code (a number such as 400 or 503, or a word such as rate_limit_exceeded), as the
   *     reason's code; null when it gave none
   */
  public static final class ErrorBodyException extends ReasonException {
    public ErrorBodyException(String message, String code) {
      super(new Reason(code, null), message);
    }
  }

  public static byte[] requestBody(
      String model, List<ChatMessage> messages, GenerationSpec generation, ImageUrls images) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("model", model);
      gen.writeArrayFieldStart("messages");
      for (ChatMessage message : messages) {
        gen.writeStartObject();
        gen.writeStringField("role", message.role());
        if (message.parts().size() == 1 && !message.parts().get(0).isImage()) {
          gen.writeStringField("content", message.parts().get(0).text());
        } else {
          gen.writeArrayFieldStart("content");
          for (ContentPart part : message.parts()) {
            writePart(gen, part, images);
          }
          gen.writeEndArray();
        }
        gen.writeEndObject();
      }
      gen.writeEndArray();
      if (generation.temperature() != null) {
        gen.writeNumberField("temperature", generation.temperature());
      }
      if (generation.topP() != null) {
        gen.writeNumberField("top_p", generation.topP());
      }
      if (generation.maxTokens() != null) {
        gen.writeNumberField("max_tokens", generation.maxTokens());
      }
      if (generation.maxCompletionTokens() != null) {
        gen.writeNumberField("max_completion_tokens", generation.maxCompletionTokens());
      }
      if (generation.seed() != null) {
        gen.writeNumberField("seed", generation.seed());
      }
      if (!generation.stop().isEmpty()) {
        gen.writeArrayFieldStart("stop");
        for (String s : generation.stop()) {
          gen.writeString(s);
        }
        gen.writeEndArray();
      }
      gen.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void writePart(JsonGenerator gen, ContentPart part, ImageUrls images) throws IOException {
    gen.writeStartObject();
    if (part.isImage()) {
      gen.writeStringField("type", "image_url");
      gen.writeObjectFieldStart("image_url");
      gen.writeFieldName("url");
      String url = images.urlFor(part);
      if (isRawSafe(url)) {
        gen.writeRawValue("\"" + url + "\"");
      } else {
        gen.writeString(url);
      }
      gen.writeEndObject();
    } else {
      gen.writeStringField("type", "text");
      gen.writeStringField("text", part.text());
    }
    gen.writeEndObject();
  }

  /** Data URLs are checked only in their header; their payload is base64 by construction. */
  static boolean isRawSafe(String url) {
    int end = url.startsWith("data:") ? Math.max(0, url.indexOf(',')) : url.length();
    for (int i = 0; i < end; i++) {
      char c = url.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads choices[0].message, finish_reason and usage. Every answer the protocol allows is an answer: content,
   * a structured refusal ({@code message.refusal}, content null), {@code finish_reason: content_filter} without
   * content, tool calls without content, and empty content. A body that is the server's error report is an
   * {@link ErrorBodyException}; anything else unusable is a {@link BadResponseException}.
   */
  public static Answer parseAnswer(byte[] body) throws BadResponseException, ErrorBodyException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadResponseException("body is not valid JSON (" + body.length + " bytes" + truncatedHint(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new BadResponseException("body is not a JSON object");
    }
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      ErrorBodyException reported = errorBody(root);
      if (reported != null) {
        throw reported;
      }
      throw new BadResponseException("no choices in the answer");
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw new BadResponseException("choices[0].message is missing");
    }
    JsonNode content = message.path("content");
    if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
      throw new BadResponseException("choices[0].message.content is not text");
    }
    String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
    String text = content.isTextual() ? content.asText() : "";
    String toolCalls = toolCalls(message);
    String channel;
    if (!text.isBlank()) {
      channel = AnswerChannel.CONTENT.id();
    } else if (message.path("refusal").isTextual() && !message.get("refusal").asText().isBlank()) {
      channel = AnswerChannel.REFUSAL.id();
      text = message.get("refusal").asText();
    } else if (CONTENT_FILTER.equals(finish)) {
      channel = AnswerChannel.CONTENT_FILTER.id();
      text = null;
    } else if (toolCalls != null) {
      channel = AnswerChannel.TOOL_CALLS.id();
    } else {
      channel = AnswerChannel.EMPTY.id();
    }
    JsonNode usage = root.path("usage");
    return new Answer(
        text,
        finish,
        usage.path("prompt_tokens").isInt() ? usage.get("prompt_tokens").asInt() : null,
        usage.path("completion_tokens").isInt() ? usage.get("completion_tokens").asInt() : null,
        channel,
        toolCalls);
  }

  private static final String CONTENT_FILTER = "content_filter";

  private static String toolCalls(JsonNode message) {
    JsonNode calls = message.path("tool_calls");
    if (calls.isArray() && !calls.isEmpty()) {
      return calls.toString();
    }
    JsonNode legacy = message.path("function_call");
    return legacy.isObject() ? legacy.toString() : null;
  }

  /** The server's error report in a body without choices, or null when the body is not one. */
  private static ErrorBodyException errorBody(JsonNode root) {
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) {
      String message = error.path("message").isTextual() ? error.get("message").asText() : error.toString();
      return new ErrorBodyException(cut(message), code(error.path("code"), error.path("type")));
    }
    if (error != null && error.isTextual()) {
      return new ErrorBodyException(cut(error.asText()), code(root.path("code"), root.path("type")));
    }
    if ("error".equals(root.path("object").asText(null)) && root.path("message").isTextual()) {
      return new ErrorBodyException(cut(root.get("message").asText()), code(root.path("code"), root.path("type")));
    }
    return null;
  }

  private static String code(JsonNode code, JsonNode type) {
    if (code.isNumber() || (code.isTextual() && !code.asText().isBlank())) {
      return code.asText();
    }
    return type.isTextual() && !type.asText().isBlank() ? type.asText() : null;
  }

  private static String truncatedHint(IOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.contains("end-of-input") ? ", truncated" : "";
  }

  /** The server's error.message (or a body prefix), cut to 200 chars, for the error column. */
  public static String errorMessage(byte[] body) {
    if (body == null || body.length == 0) {
      return "empty body";
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode message = root == null ? null : root.path("error").path("message");
      if (message != null && message.isTextual()) {
        return cut(message.asText());
      }
      if (root != null && root.path("error").isTextual()) {
        return cut(root.get("error").asText());
      }
      if (root != null && "error".equals(root.path("object").asText(null)) && root.path("message").isTextual()) {
        return cut(root.get("message").asText()); // vLLM's older error shape
      }
      if (root != null && root.path("detail").isTextual()) {
        return cut(root.get("detail").asText());
      }
    } catch (IOException e) {
      // not JSON: fall through to the prefix
    }
    return cut(new String(body, 0, Math.min(body.length, 400), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String cut(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
