package dev.mmsafety.udf.answers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An adaptive attacker's answer: a JSON object {@code {"improvement": "...", "prompt": "..."}}. Tolerant: the object
 * may sit inside a markdown code fence or between prose (the first balanced {@code {...}} that parses and has a
 * {@code prompt} key is taken), keys are case-insensitive; without JSON, a line starting {@code prompt:} gives the
 * prompt (the rest of the answer after it). A JSON object without a usable prompt is never re-read as lines. Otherwise there is no prompt and the reason says why.
 */
public final class AttackerOutput {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PROMPT_LINE = Pattern.compile("(?im)^\\W*prompt\\W*[:=]\\s*(.*)", Pattern.DOTALL);
  private static final Pattern IMPROVEMENT_LINE = Pattern.compile("(?im)^\\W*improvement\\W*[:=]\\s*(.*)$");

  private AttackerOutput() {}

  /** The parsed answer: {@code prompt} (null when none was found, with the {@code reason}) and the improvement. */
  public record Parsed(String prompt, String improvement, String reason) {
    public boolean ok() {
      return prompt != null;
    }
  }

  public static Parsed parse(String answer) {
    if (answer == null || answer.isBlank()) {
      return new Parsed(null, null, "empty answer");
    }
    boolean sawObject = false;
    for (int start = answer.indexOf('{'); start >= 0; start = answer.indexOf('{', start + 1)) {
      int end = closing(answer, start);
      if (end < 0) {
        return new Parsed(null, null, "JSON object is not closed (answer cut off?)");
      }
      sawObject = true;
      Parsed p = fromJson(answer.substring(start, end + 1));
      if (p != null) {
        return p;
      }
    }
    if (sawObject) {
      return new Parsed(null, null, "no JSON object with a non-empty \"prompt\" found");
    }
    Matcher m = PROMPT_LINE.matcher(answer);
    if (m.find()) {
      String prompt = m.group(1).strip();
      Matcher i = IMPROVEMENT_LINE.matcher(answer.substring(0, m.start()));
      String improvement = i.find() ? i.group(1).strip() : null;
      return prompt.isEmpty() ? new Parsed(null, improvement, "prompt is empty") : new Parsed(prompt, improvement, null);
    }
    return new Parsed(null, null, "no prompt found");
  }

  private static Parsed fromJson(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (Exception e) {
      return null;
    }
    if (!node.isObject()) {
      return null;
    }
    String prompt = null;
    String improvement = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey().toLowerCase(Locale.ROOT).strip();
      if (key.equals("prompt") && e.getValue().isTextual()) {
        prompt = e.getValue().asText().strip();
      } else if (key.equals("improvement") && e.getValue().isTextual()) {
        improvement = e.getValue().asText().strip();
      }
    }
    return prompt == null || prompt.isEmpty() ? null : new Parsed(prompt, improvement, null);
  }

  /** The index of the brace closing the one at {@code start}, skipping JSON strings; -1 when unbalanced. */
  private static int closing(String s, int start) {
    int depth = 0;
    boolean inString = false;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
