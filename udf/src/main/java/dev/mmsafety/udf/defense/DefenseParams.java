package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads a defense's params with defaults; unknown keys and bad values are one-line config errors. */
final class DefenseParams {
  private final String label;
  private final Map<String, Object> raw;
  private final Map<String, Object> resolved = new TreeMap<>();
  private final Set<String> read = new HashSet<>();

  DefenseParams(String label, Map<String, Object> raw) {
    this.label = label;
    this.raw = raw;
  }

  String string(String key, String defaultValue) {
    read.add(key);
    Object v = raw.get(key);
    String s = v == null ? defaultValue : v.toString();
    if (s != null) {
      resolved.put(key, s);
    }
    return s;
  }

  String required(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new ConfigException("Cannot create defense " + label + ": parameter '" + key + "' is required");
    }
    return s;
  }

  String choice(String key, String defaultValue, String... allowed) {
    String s = string(key, defaultValue);
    if (!Arrays.asList(allowed).contains(s)) {
      throw new ConfigException(
          "Cannot create defense " + label + ": parameter '" + key + "' '" + s + "' is not one of " + String.join(", ", allowed));
    }
    return s;
  }

  double number(String key, double defaultValue, double min, double max) {
    read.add(key);
    Object v = raw.get(key);
    double d;
    try {
      d = v == null ? defaultValue : v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("Cannot create defense " + label + ": parameter '" + key + "' '" + v + "' is not a number");
    }
    if (!(d >= min && d <= max)) {
      throw new ConfigException(
          "Cannot create defense " + label + ": parameter '" + key + "' " + d + " is outside [" + min + ", " + max + "]");
    }
    resolved.put(key, d);
    return d;
  }

  Map<String, Object> done() {
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "Cannot create defense " + label + ": unknown parameter(s) " + unknown + " (known: " + new TreeSet<>(read) + ")");
    }
    return Map.copyOf(resolved);
  }
}
