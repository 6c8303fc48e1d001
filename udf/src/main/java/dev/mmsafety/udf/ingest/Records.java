package dev.mmsafety.udf.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Record-level readers shared by the loaders: JSON documents, JSON Lines, and RFC-4180 CSV (quoted fields may
 * span lines and contain doubled quotes). Bad records are reported to the sink; reading goes on where it can.
 */
public final class Records {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final CsvMapper CSV = new CsvMapper();

  private Records() {}

  /** Receives one data record: 1-based row number and its values by header name. */
  public interface CsvRow {
    void accept(String row, Map<String, String> values);
  }

  /** Parses a whole JSON document; null (after a malformed_json reject for the file) when it does not parse. */
  public static JsonNode json(String text, String file, LoadSink sink) {
    try {
      JsonNode root = JSON.readTree(text);
      sawColumns(root, file, sink);
      return root;
    } catch (JsonProcessingException e) {
      sink.reject(file, null, null, IngestReject.MALFORMED_JSON, "file does not parse: " + e.getOriginalMessage(), null);
      return null;
    }
  }

  /**
   * Reads a JSON document whose records are the items of one array ({@code shape} ARRAY: key = 0-based index) or
   * the members of one object (OBJECT: key = member name), passing each with its key until the sink is full. A
   * document that does not parse, or has another shape, is one malformed_json reject for the file ("expected " +
   * {@code expected}); a record that throws {@link BadRecordException} is a reject for its key, with the case id
   * {@code itemId} gives for the key (or null).
   */
  public static void jsonRecords(
      String text, String file, LoadSink sink, JsonNodeType shape, String expected, UnaryOperator<String> itemId,
      JsonRow record) {
    JsonNode root = json(text, file, sink);
    if (root == null) {
      return;
    }
    if (root.getNodeType() != shape) {
      sink.reject(file, null, null, IngestReject.MALFORMED_JSON, "expected " + expected, null);
      return;
    }
    if (shape == JsonNodeType.ARRAY) {
      for (int i = 0; i < root.size() && !sink.full(); i++) {
        guarded(file, sink, Integer.toString(i), root.get(i), itemId, record);
      }
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> members = root.fields();
    while (members.hasNext() && !sink.full()) {
      Map.Entry<String, JsonNode> member = members.next();
      guarded(file, sink, member.getKey(), member.getValue(), itemId, record);
    }
  }

  private static void guarded(
      String file, LoadSink sink, String key, JsonNode value, UnaryOperator<String> itemId, JsonRow record) {
    try {
      record.accept(key, value);
    } catch (BadRecordException e) {
      sink.reject(file, key, e, itemId.apply(key));
    }
  }

  /**
   * Reads CSV with a header row. A row with a different number of fields than the header is a malformed_csv
   * reject; a quote left open ends the file with one malformed_csv reject; a row that throws
   * {@link BadRecordException} is a reject for that row.
   */
  public static void csv(String text, String file, LoadSink sink, CsvRow consumer) {
    try (MappingIterator<List<String>> it =
        CSV.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
      if (!it.hasNextValue()) {
        sink.reject(file, null, null, IngestReject.MALFORMED_CSV, "file is empty (no header)", null);
        return;
      }
      List<String> header = it.nextValue().stream().map(String::trim).toList();
      sink.sawColumns(file, header);
      int row = 0;
      while (!sink.full()) {
        row++;
        List<String> fields;
        try {
          if (!it.hasNextValue()) {
            break;
          }
          fields = it.nextValue();
        } catch (RuntimeException | IOException e) {
          sink.reject(file, Integer.toString(row), null, IngestReject.MALFORMED_CSV, "cannot parse from here on: " + firstLine(e), null);
          return;
        }
        if (fields.size() == 1 && fields.get(0).isBlank()) {
          row--;
          continue;
        }
        if (fields.size() != header.size()) {
          sink.reject(
              file, Integer.toString(row), null, IngestReject.MALFORMED_CSV,
              "row has " + fields.size() + " fields, header has " + header.size(), null);
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          values.put(header.get(i), fields.get(i));
        }
        try {
          consumer.accept(Integer.toString(row), values);
        } catch (BadRecordException e) {
          sink.reject(file, Integer.toString(row), e, null);
        }
      }
    } catch (IOException | RuntimeException e) {
      sink.reject(file, null, null, IngestReject.MALFORMED_CSV, "cannot parse: " + firstLine(e), null);
    }
  }

  /** Calls back with each non-blank line's parsed object; malformed lines become malformed_json rejects. */
  public static void jsonLines(String text, String file, LoadSink sink, JsonRow consumer) {
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length && !sink.full(); i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String row = Integer.toString(i + 1);
      try {
        JsonNode node = JSON.readTree(lines[i]);
        if (node == null || !node.isObject()) {
          sink.reject(file, row, null, IngestReject.MALFORMED_JSON, "line is not a JSON object", null);
          continue;
        }
        sink.sawColumns(file, () -> node.fieldNames());
        consumer.accept(row, node);
      } catch (JsonProcessingException e) {
        sink.reject(file, row, null, IngestReject.MALFORMED_JSON, "line does not parse: " + e.getOriginalMessage(), null);
      }
    }
  }

  /** The record keys of a JSON document: of its array's objects, else of its object's object values, else its own. */
  private static void sawColumns(JsonNode root, String file, LoadSink sink) {
    if (root == null) {
      return;
    }
    boolean records = false;
    for (JsonNode item : root) {
      if (item.isObject()) {
        sink.sawColumns(file, () -> item.fieldNames());
        records = true;
      }
    }
    if (!records && root.isObject()) {
      sink.sawColumns(file, () -> root.fieldNames());
    }
  }

  /** Receives one JSON record with its row or key. */
  public interface JsonRow {
    void accept(String row, JsonNode record);
  }

  /** A required string field of a JSON object. */
  public static String text(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, field, "field " + field + " is missing");
    }
    if (!v.isTextual()) {
      throw new BadRecordException(
          IngestReject.WRONG_TYPE, field, "field " + field + " is " + type(v) + ", expected a string");
    }
    return v.asText();
  }

  /** An optional string field; null when absent. */
  public static String optText(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    return v == null || v.isNull() ? null : text(obj, field);
  }

  /** An integer field given as a JSON number or a string of digits. */
  public static String integer(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, field, "field " + field + " is missing");
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (v.isTextual() && v.asText().trim().matches("-?\\d+")) {
      return v.asText().trim();
    }
    throw new BadRecordException(IngestReject.WRONG_TYPE, field, "field " + field + " is " + type(v) + ", expected an integer");
  }

  /** Fails with unknown_field when the object has a field outside {@code allowed}. */
  public static void onlyFields(JsonNode obj, Set<String> allowed) {
    Iterator<String> names = obj.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!allowed.contains(n)) {
        throw new BadRecordException(IngestReject.UNKNOWN_FIELD, n, "unknown field " + n);
      }
    }
  }

  /** A required CSV column value (header present and value non-blank). */
  public static String column(Map<String, String> row, String name) {
    String v = row.get(name);
    if (v == null || v.isBlank()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, name, "column " + name + " is empty or absent");
    }
    return v;
  }

  /** A CSV column that must hold an integer. */
  public static String intColumn(Map<String, String> row, String name) {
    String v = column(row, name).trim();
    if (!v.matches("-?\\d+")) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, name, "column " + name + " is '" + v + "', expected an integer");
    }
    return v;
  }

  /** JSON object to a flat map: scalars as Java values, arrays/objects kept as nodes (wrong_type if mapped). */
  public static Map<String, Object> flatten(JsonNode n) {
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      Object value =
          v.isNull() ? null : v.isTextual() ? v.asText() : v.isIntegralNumber() ? (Object) v.asLong()
              : v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v;
      out.put(e.getKey(), value);
    }
    return out;
  }

  static String type(JsonNode v) {
    JsonNodeType t = v.getNodeType();
    return switch (t) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      default -> t.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
