package dev.mmsafety.udf.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads what the simulated worker needs from a chat-completions body in one streaming pass, without building a
 * tree: the model, the users' text, the system and assistant text (which the behaviour profiles read), the
 * completion limit and a reference to each image. A base64 data URL (700 KB for a 500 KB image)
 * is validated in place in the body's bytes and skipped, never turned into a String or decoded: with a Jackson
 * tree and a full decode the simulator spent more CPU per request than the client that built it (profiled with
 * JFR on {@code bench throughput --image-kb 500}), on a machine where both share two cores.
 */
public final class ChatRequestScan {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_DATA_URL_HEADER = 256;
  /** Byte classes in a data URL payload: 0 base64 letter, 1 '=', 2 '"', 3 '\\', 4 anything else. */
  private static final byte[] PAYLOAD_CLASS = new byte[256];

  static {
    Arrays.fill(PAYLOAD_CLASS, (byte) 4);
    for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
      PAYLOAD_CLASS[c] = 0;
    }
    PAYLOAD_CLASS['='] = 1;
    PAYLOAD_CLASS['"'] = 2;
    PAYLOAD_CLASS['\\'] = 3;
  }

  private ChatRequestScan() {}

  /** How an image was given. */
  public enum ImageKind {
    DATA, HTTP, OTHER
  }

  /**
   * One image part: a data URL's base64 payload as a slice of the body (offset, length), or the URL text of any
   * other reference (and of a data URL holding JSON escapes, offset -1).
   */
  public record ImageRef(ImageKind kind, String url, int offset, int length) {}

  /**
   * What a chat request asked for; {@code body} is the request as received (image slices point into it).
   *
   * @param maxTokens max_completion_tokens, else max_tokens; null when the request sets neither
   * @param seed the sampling seed; null when not set (the simulated attacker draws its strategy from it)
   */
  public record ChatRequest(
      String model, String promptText, List<ImageRef> images, byte[] body, String systemText, String assistantText,
      Integer maxTokens, Long seed) {
    /** A request without a sampling seed. */
    public ChatRequest(String model, String promptText, List<ImageRef> images, byte[] body, String systemText,
        String assistantText, Integer maxTokens) {
      this(model, promptText, images, body, systemText, assistantText, maxTokens, null);
    }

    /**
     * A digest of image {@code i}'s content: SHA-256 of the base64 payload for data URLs (base64 is canonical, so
     * equal bytes give equal digests), of the URL text otherwise. Computed on demand.
     */
    public String imageDigest(int i) {
      ImageRef ref = images.get(i);
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        if (ref.kind() == ImageKind.DATA && ref.offset() >= 0) {
          sha.update(body, ref.offset(), ref.length());
        } else if (ref.kind() == ImageKind.DATA) { // a JSON-escaped data URL: the unescaped text was kept
          sha.update(ref.url().substring(ref.url().indexOf(',') + 1).getBytes(StandardCharsets.US_ASCII));
        } else {
          sha.update(ref.url().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Image {@code i}'s bytes, decoded on demand (only a data URL carries them); null for other references. */
    public byte[] imageBytes(int i) {
      ImageRef ref = images.get(i);
      if (ref.kind() != ImageKind.DATA) {
        return null;
      }
      if (ref.offset() < 0) {
        return Base64.getDecoder().decode(ref.url().substring(ref.url().indexOf(',') + 1));
      }
      java.nio.ByteBuffer decoded =
          Base64.getDecoder().decode(java.nio.ByteBuffer.wrap(body, ref.offset(), ref.length()));
      byte[] out = new byte[decoded.remaining()];
      decoded.get(out);
      return out;
    }
  }

  /**
   * Scans a body.
   *
   * @throws IllegalArgumentException with the reason the simulator answers 400 with
   */
  public static ChatRequest scan(byte[] body) {
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("body is not a JSON object");
      }
      return new Scan(p, body).request();
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON");
    }
  }

  /** Takes one field of an object: true when it read the value, false to have the value skipped whole. */
  @FunctionalInterface
  private interface FieldTaker {
    boolean take(String field, JsonToken value) throws IOException;
  }

  /** Walks the fields of the object the parser has just entered; values the taker leaves are skipped whole. */
  private static void fields(JsonParser p, FieldTaker taker) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      if (!taker.take(field, p.nextToken())) {
        p.skipChildren();
      }
    }
  }

  /** One pass over one body: what the request, its messages and their parts add up to. */
  private static final class Scan {
    private final JsonParser p;
    private final byte[] body;
    private String model;
    private Integer maxTokens;
    private Integer maxCompletionTokens;
    private Long seed;
    private final StringBuilder prompt = new StringBuilder();
    private final StringBuilder system = new StringBuilder();
    private final StringBuilder assistant = new StringBuilder();
    private final List<ImageRef> images = new ArrayList<>();
    private int messages;

    Scan(JsonParser p, byte[] body) {
      this.p = p;
      this.body = body;
    }

    ChatRequest request() throws IOException {
      fields(p, this::top);
      if (messages == 0) {
        throw new IllegalArgumentException("messages must be a non-empty array");
      }
      return new ChatRequest(model, prompt.toString(), List.copyOf(images), body, system.toString(),
          assistant.toString(), maxCompletionTokens != null ? maxCompletionTokens : maxTokens, seed);
    }

    private boolean top(String field, JsonToken value) throws IOException {
      if ("model".equals(field) && value == JsonToken.VALUE_STRING) {
        model = p.getText();
      } else if ("max_tokens".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
        maxTokens = p.getIntValue();
      } else if ("seed".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
        seed = p.getLongValue();
      } else if ("max_completion_tokens".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
        maxCompletionTokens = p.getIntValue();
      } else if ("messages".equals(field) && value == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          message();
          messages++;
        }
      } else {
        return false;
      }
      return true;
    }

    private void message() throws IOException {
      String[] role = {null};
      StringBuilder text = new StringBuilder();
      List<ImageRef> found = new ArrayList<>();
      fields(p, (field, value) -> {
        if ("role".equals(field) && value == JsonToken.VALUE_STRING) {
          role[0] = p.getText();
        } else if ("content".equals(field) && value == JsonToken.VALUE_STRING) {
          text.append(p.getText());
        } else if ("content".equals(field) && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            part(text, found);
          }
        } else {
          return false;
        }
        return true;
      });
      if ("user".equals(role[0])) { // the user's words and images are what is asked
        prompt.append(text);
        images.addAll(found);
      } else if ("system".equals(role[0])) { // a system prompt (the shield defense) changes the probabilities only
        joinLine(system, text);
      } else if ("assistant".equals(role[0])) { // an output guard is shown the answer as the assistant's turn
        joinLine(assistant, text);
      }
    }

    private void part(StringBuilder text, List<ImageRef> found) throws IOException {
      String[] type = {null}; // one-element holders: the field takers below are lambdas
      String[] partText = {null};
      ImageRef[] image = {null};
      fields(p, (field, value) -> {
        if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
          type[0] = p.getText();
        } else if ("text".equals(field) && value == JsonToken.VALUE_STRING) {
          partText[0] = p.getText();
        } else if ("image_url".equals(field) && value == JsonToken.START_OBJECT) {
          fields(p, (inner, v) -> {
            boolean url = "url".equals(inner) && v == JsonToken.VALUE_STRING;
            if (url) {
              image[0] = imageRef(p, body);
            }
            return url;
          });
        } else {
          return false;
        }
        return true;
      });
      if ("text".equals(type[0])) {
        text.append(partText[0] == null ? "" : partText[0]);
      } else if ("image_url".equals(type[0])) {
        if (image[0] == null) {
          throw new IllegalArgumentException("image_url.url is empty");
        }
        found.add(image[0]);
      } else {
        throw new IllegalArgumentException("unknown content part type '" + type[0] + "'");
      }
    }
  }

  /** The parser stands on the url's string token; a data URL is checked in the body's bytes and not read. */
  private static ImageRef imageRef(JsonParser p, byte[] body) throws IOException {
    long quote = p.currentTokenLocation().getByteOffset();
    if (quote >= 0 && quote < body.length && body[(int) quote] == '"' && startsWith(body, (int) quote + 1, "data:")) {
      ImageRef ref = dataUrl(body, (int) quote + 1);
      if (ref != null) {
        return ref; // the parser skips the string's bytes on its next token without keeping them
      }
    }
    String url = p.getText(); // short URLs, and data URLs with JSON escapes (rare: fall back to decoding)
    if (url.isEmpty()) {
      throw new IllegalArgumentException("image_url.url is empty");
    }
    if (url.startsWith("data:")) {
      checkDecodes(url);
      return new ImageRef(ImageKind.DATA, url, -1, url.length() - url.indexOf(',') - 1);
    }
    boolean http = url.startsWith("http://") || url.startsWith("https://");
    return new ImageRef(http ? ImageKind.HTTP : ImageKind.OTHER, url, -1, url.length());
  }

  /** Checks a data URL in place; null when it holds a JSON escape (the slow path decodes it instead). */
  private static ImageRef dataUrl(byte[] b, int start) {
    int comma = -1;
    for (int i = start; i < Math.min(b.length, start + MAX_DATA_URL_HEADER); i++) {
      if (b[i] == ',' || b[i] == '"') {
        comma = b[i] == ',' ? i : -1;
        break;
      }
      if (b[i] == '\\') {
        return null;
      }
    }
    if (comma < 0 || !endsWith(b, comma, ";base64")) {
      throw new IllegalArgumentException("image data URL is not base64");
    }
    int i = comma + 1;
    int n = b.length;
    while (i < n && PAYLOAD_CLASS[b[i] & 0xff] == 0) { // the hot loop: one table load per byte
      i++;
    }
    int padding = 0;
    while (i < n && PAYLOAD_CLASS[b[i] & 0xff] == 1 && padding < 3) {
      i++;
      padding++;
    }
    int stop = i < n ? PAYLOAD_CLASS[b[i] & 0xff] : 4;
    if (stop == 3) {
      return null;
    }
    if (stop != 2) {
      throw new IllegalArgumentException("image data URL does not decode: illegal base64 character");
    }
    int length = i - comma - 1;
    if (length == 0) {
      throw new IllegalArgumentException("image data URL is empty");
    }
    if (padding > 2 || length % 4 == 1 || (padding > 0 && length % 4 != 0)) {
      throw new IllegalArgumentException("image data URL does not decode: bad length or padding");
    }
    return new ImageRef(ImageKind.DATA, null, comma + 1, length);
  }

  private static void checkDecodes(String url) {
    int comma = url.indexOf(',');
    if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw new IllegalArgumentException("image data URL is not base64");
    }
    try {
      if (Base64.getDecoder().decode(url.substring(comma + 1)).length == 0) {
        throw new IllegalArgumentException("image data URL is empty");
      }
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith("image data URL") ? e
          : new IllegalArgumentException("image data URL does not decode: " + e.getMessage());
    }
  }

  private static void joinLine(StringBuilder into, CharSequence text) {
    if (into.length() > 0) {
      into.append('\n');
    }
    into.append(text);
  }

  private static boolean startsWith(byte[] b, int at, String prefix) {
    if (at + prefix.length() > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(byte[] b, int end, String suffix) {
    return end - suffix.length() >= 0 && startsWith(b, end - suffix.length(), suffix);
  }
}
