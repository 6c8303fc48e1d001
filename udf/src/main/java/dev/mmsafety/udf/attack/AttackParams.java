package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an attack's params with defaults and bounds, collecting the resolved values for attack_params. Unknown
 * keys and bad values are one-line {@link ConfigException}s naming the attack label and the key.
 */
final class AttackParams {
  private final String label;
  private final Map<String, Object> raw;
  private final Map<String, Object> resolved = new TreeMap<>();
  private final Set<String> read = new HashSet<>();

  AttackParams(String label, Map<String, Object> raw) {
    this.label = label;
    this.raw = raw;
  }

  String string(String key, String defaultValue) {
    Object v = take(key);
    String s = v == null ? defaultValue : v.toString();
    if (s != null) {
      resolved.put(key, s);
    }
    return s;
  }

  String choice(String key, String defaultValue, String... allowed) {
    String s = string(key, defaultValue);
    if (!Arrays.asList(allowed).contains(s)) {
      throw bad(key, "'" + s + "' is not one of " + String.join(", ", allowed));
    }
    return s;
  }

  int integer(String key, int defaultValue, int min, int max) {
    Object v = take(key);
    int i;
    if (v == null) {
      i = defaultValue;
    } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      i = n.intValue();
    } else {
      try {
        i = Integer.parseInt(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(key, "'" + v + "' is not an integer");
      }
    }
    if (i < min || i > max) {
      throw bad(key, i + " is outside [" + min + ", " + max + "]");
    }
    resolved.put(key, i);
    return i;
  }

  double number(String key, double defaultValue, double min, double max) {
    Object v = take(key);
    double d;
    if (v == null) {
      d = defaultValue;
    } else if (v instanceof Number n) {
      d = n.doubleValue();
    } else {
      try {
        d = Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(key, "'" + v + "' is not a number");
      }
    }
    if (!(d >= min && d <= max)) {
      throw bad(key, d + " is outside [" + min + ", " + max + "]");
    }
    resolved.put(key, d);
    return d;
  }

  /** Fails on keys nobody read; returns the resolved params. */
  Map<String, Object> done() {
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "Cannot create attack " + label + ": unknown parameter(s) " + unknown + " (known: " + new TreeSet<>(read) + ")");
    }
    return Map.copyOf(resolved);
  }

  ConfigException bad(String key, String why) {
    return new ConfigException("Cannot create attack " + label + ": parameter '" + key + "' " + why);
  }

  String label() {
    return label;
  }

  private Object take(String key) {
    read.add(key);
    return raw.get(key);
  }
}
