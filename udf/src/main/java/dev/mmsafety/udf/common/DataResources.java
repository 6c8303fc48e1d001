package dev.mmsafety.udf.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Phrase and text data the code reads from JSON class path resources (under {@code /mmsafety/}), so the wording
 * can be edited without touching code. Every failure, a missing resource, malformed JSON or a field of the wrong
 * form, is an IllegalStateException with a one-line message naming the resource.
 */
public final class DataResources {
  private DataResources() {}

  /** The JSON tree of class path resource {@code resource} (an absolute path such as {@code /mmsafety/x.json}). */
  public static JsonNode json(String resource) {
    try (InputStream in = DataResources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load " + resource + ": resource missing from the class path");
      }
      return CanonicalJson.mapper().readTree(in);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new IllegalStateException("Cannot load " + resource + ": malformed JSON" + at + ": "
          + String.valueOf(e.getOriginalMessage()).replace('\n', ' '), e);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot load " + resource + ": " + e.getMessage(), e);
    }
  }

  /** Field {@code field} of {@code node}, which must be an object; fails naming the resource and the field. */
  public static JsonNode field(JsonNode node, String field, String resource) {
    JsonNode value = node == null || !node.isObject() ? null : node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException("Cannot load " + resource + ": field '" + field + "' missing");
    }
    return value;
  }

  /** {@code node} as a non-empty list of strings, in order; {@code what} names it in the error. */
  public static List<String> strings(JsonNode node, String what, String resource) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw new IllegalStateException(
          "Cannot load " + resource + ": '" + what + "' must be a non-empty list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode s : node) {
      if (!s.isTextual()) {
        throw new IllegalStateException("Cannot load " + resource + ": '" + what + "' has a non-string entry " + s);
      }
      out.add(s.asText());
    }
    return List.copyOf(out);
  }

  /** Field {@code field} of {@code node} as a non-empty list of strings. */
  public static List<String> stringField(JsonNode node, String field, String resource) {
    return strings(field(node, field, resource), field, resource);
  }
}
