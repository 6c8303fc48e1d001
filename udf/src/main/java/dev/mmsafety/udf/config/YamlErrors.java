package dev.mmsafety.udf.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One-line descriptions of what Jackson and SnakeYAML report for a config file: the reason, the key path where
 * one is known, and the line and column. SnakeYAML's own mark is preferred to Jackson's location: for a tab or a
 * misplaced indent Jackson points at the token it was reading, SnakeYAML at the character that broke the rule.
 */
final class YamlErrors {
  private YamlErrors() {}

  static String describe(JsonProcessingException e, String yaml) {
    MarkedYAMLException marked = yamlCause(e);
    if (marked != null) {
      return syntax(marked);
    }
    String at = location(e.getLocation());
    if (e instanceof UnrecognizedPropertyException u) {
      return "unknown key '" + u.getPropertyName() + "' at " + path(u) + keyLocation(yaml, u);
    }
    if (e instanceof JsonMappingException m) {
      String why = m.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : m.getOriginalMessage();
      String path = path(m);
      return firstLine(why) + (path.isEmpty() ? "" : " at " + path) + at;
    }
    return firstLine(e.getOriginalMessage()) + at;
  }

  /** "expected X, but found Y at line L, column C (in the block that starts at line L0, column C0)". */
  private static String syntax(MarkedYAMLException e) {
    StringBuilder s = new StringBuilder(firstLine(e.getProblem() != null ? e.getProblem() : e.getContext()));
    s.append(mark(e.getProblemMark()));
    Mark context = e.getContextMark();
    if (e.getContext() != null && context != null && e.getProblem() != null) {
      s.append(" (").append(firstLine(e.getContext())).append(" that starts").append(mark(context));
      if (e.getProblem().contains("<block end>")) {
        s.append("; check the indentation");
      }
      s.append(')');
    }
    return s.toString();
  }

  /**
   * Jackson reports an unknown key where it stopped skipping the key's value (the next line for a block value),
   * so the key is looked up backwards from there: the last "key:" at or before that line.
   */
  private static String keyLocation(String yaml, UnrecognizedPropertyException e) {
    JsonLocation end = e.getLocation();
    if (end == null || end.getLineNr() <= 0) {
      return "";
    }
    Pattern key = Pattern.compile("(^|[\\s{,\\-])[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:");
    String[] lines = yaml.split("\n", -1);
    for (int line = Math.min(end.getLineNr(), lines.length); line >= 1; line--) {
      Matcher m = key.matcher(lines[line - 1]);
      int column = -1;
      while (m.find()) {
        column = m.start() + (m.group(1).isEmpty() ? 0 : 1);
      }
      if (column >= 0) {
        return " (line " + line + ", column " + (column + 1) + ")";
      }
    }
    return location(end);
  }

  private static MarkedYAMLException yamlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MarkedYAMLException m) {
        return m;
      }
    }
    return null;
  }

  private static String mark(Mark mark) {
    return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static String location(JsonLocation location) {
    if (location == null || location.getLineNr() <= 0) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message.trim() : message.substring(0, nl).trim();
  }
}
