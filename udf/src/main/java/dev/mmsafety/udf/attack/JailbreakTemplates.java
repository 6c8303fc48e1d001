package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The jailbreak text template library. A template is UTF-8 text; leading lines starting with "##" are comments;
 * the body holds one or more placeholders: {instruction}, {instruction_base64}, {instruction_leet},
 * {instruction_split}. Built-ins live in resources/mmsafety/jailbreak-templates; users pass a file path instead.
 */
public final class JailbreakTemplates {
  public static final List<String> BUILT_IN =
      List.of("role-play", "persuasion", "hypothetical", "logic", "refusal-suppression", "base64", "leetspeak", "char-split");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(instruction(?:_base64|_leet|_split)?)\\}");
  private static final Map<Character, Character> LEET =
      Map.of('a', '4', 'e', '3', 'i', '1', 'o', '0', 's', '5', 't', '7');

  private JailbreakTemplates() {}

  /** A loaded template: its name (built-in name or path) and body without comment lines. */
  public record Template(String name, String body) {
    public String fill(String instruction) {
      Matcher m = PLACEHOLDER.matcher(body);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value =
            switch (m.group(1)) {
              case "instruction_base64" -> Base64.getEncoder().encodeToString(instruction.getBytes(StandardCharsets.UTF_8));
              case "instruction_leet" -> leet(instruction);
              case "instruction_split" -> split(instruction);
              default -> instruction;
            };
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      return out.toString().strip();
    }
  }

  /** Loads a built-in by name or a user file by path/URI; errors are config errors naming the attack label. */
  public static Template load(String nameOrPath, String label) {
    String text;
    if (BUILT_IN.contains(nameOrPath)) {
      try (InputStream in = JailbreakTemplates.class.getResourceAsStream("/mmsafety/jailbreak-templates/" + nameOrPath + ".txt")) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException("Cannot read built-in template " + nameOrPath, e);
      }
    } else if (nameOrPath.contains("/") || nameOrPath.endsWith(".txt")) {
      try {
        text = new String(UserFiles.read(nameOrPath, new Configuration()), StandardCharsets.UTF_8);
      } catch (FileNotFoundException e) {
        throw new ConfigException("Cannot create attack " + label + ": template file " + nameOrPath + ": no such file");
      } catch (IOException e) {
        throw new ConfigException("Cannot create attack " + label + ": template file " + nameOrPath + ": " + e.getMessage());
      }
    } else {
      throw new ConfigException(
          "Cannot create attack " + label + ": unknown template '" + nameOrPath + "' (built-in: " + String.join(", ", BUILT_IN)
              + "; or give a file path)");
    }
    String body = stripComments(text);
    if (!PLACEHOLDER.matcher(body).find()) {
      throw new ConfigException(
          "Cannot create attack " + label + ": template " + nameOrPath + " has no {instruction} placeholder");
    }
    return new Template(nameOrPath, body);
  }

  static String stripComments(String text) {
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].startsWith("##")) {
      first++;
    }
    return String.join("\n", java.util.Arrays.copyOfRange(lines, first, lines.length));
  }

  static String leet(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      Character r = LEET.get(Character.toLowerCase(c));
      out.append(r == null ? c : r);
    }
    return out.toString();
  }

  static String split(String s) {
    StringBuilder out = new StringBuilder();
    for (String word : s.trim().split("\\s+")) {
      if (out.length() > 0) {
        out.append(" / ");
      }
      StringBuilder w = new StringBuilder();
      word.codePoints().forEach(cp -> (w.length() > 0 ? w.append(' ') : w).appendCodePoint(cp));
      out.append(w);
    }
    return out.toString();
  }
}
