package dev.mmsafety.udf.registry;

import dev.mmsafety.udf.config.HelperSpecs;
import java.util.List;
import java.util.Locale;

/**
 * One parameter a component accepts, declared once: its key, type, default, allowed values or range, and a
 * one-line documentation string. {@link Params} reads config values against it and the docs tables are rendered
 * from it, so the two cannot disagree.
 *
 * @param key the config key (kebab-case)
 * @param type how the value is read
 * @param defaultValue the value when the key is absent (null: none)
 * @param allowed the allowed values of a {@link Type#CHOICE} (empty otherwise)
 * @param min the lowest allowed value of a number (null: unbounded)
 * @param max the highest allowed value of a number (null: unbounded)
 * @param required the key must be given (and not blank)
 * @param doc one line: what the parameter does and when it applies
 */
public record Param(
    String key, Type type, Object defaultValue, List<String> allowed, Double min, Double max, boolean required, String doc) {
  /** Strings longer than this are shown in docs by their first words. */
  private static final int SHOWN_DEFAULT_CHARS = 40;

  /** How a value is read. */
  public enum Type {
    STRING, CHOICE, INTEGER, NUMBER, BOOLEAN, LIST,
    /** the name of a helper model declared under {@code helpers:}; read as a string. */
    HELPER;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Param {
    allowed = List.copyOf(allowed);
  }

  public static Param string(String key, String defaultValue, String doc) {
    return new Param(key, Type.STRING, defaultValue, List.of(), null, null, false, doc);
  }

  public static Param required(String key, String doc) {
    return new Param(key, Type.STRING, null, List.of(), null, null, true, doc);
  }

  /**
   * A parameter naming a helper model ({@code helpers:}); the config check verifies the name is declared, so the
   * key must be one of {@link HelperSpecs#REFERENCE_KEYS}.
   */
  public static Param helper(String key, boolean required, String doc) {
    if (!HelperSpecs.REFERENCE_KEYS.contains(key)) {
      throw new IllegalStateException("Cannot declare helper parameter " + key + ": add it to HelperSpecs.REFERENCE_KEYS");
    }
    return new Param(key, Type.HELPER, null, List.of(), null, null, required, doc);
  }

  public static Param choice(String key, String defaultValue, String doc, String... allowed) {
    return new Param(key, Type.CHOICE, defaultValue, List.of(allowed), null, null, false, doc);
  }

  public static Param integer(String key, int defaultValue, int min, int max, String doc) {
    return new Param(key, Type.INTEGER, defaultValue, List.of(), (double) min, (double) max, false, doc);
  }

  public static Param number(String key, double defaultValue, double min, double max, String doc) {
    return new Param(key, Type.NUMBER, defaultValue, List.of(), min, max, false, doc);
  }

  public static Param bool(String key, boolean defaultValue, String doc) {
    return new Param(key, Type.BOOLEAN, defaultValue, List.of(), null, null, false, doc);
  }

  public static Param list(String key, List<String> defaultValue, String doc) {
    return new Param(key, Type.LIST, defaultValue, List.of(), null, null, false, doc);
  }

  /** The value type with its allowed values or range, as the docs show it, e.g. {@code integer 1-50}. */
  public String shape() {
    return switch (type) {
      case CHOICE -> String.join(", ", allowed.stream().map(a -> "`" + a + "`").toList());
      case INTEGER, NUMBER -> type.label() + (min == null ? "" : max == Integer.MAX_VALUE ? " from " + bound(min)
          : " " + bound(min) + " to " + bound(max));
      default -> type.label();
    };
  }

  /** The default as the docs show it: required, none, or the value (long texts by their first words). */
  public String shownDefault() {
    if (required) {
      return "required";
    }
    if (defaultValue == null) {
      return "none";
    }
    if (defaultValue instanceof List<?> l && l.isEmpty()) {
      return "empty";
    }
    String s = defaultValue instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
        : type == Type.INTEGER || type == Type.NUMBER ? bound(((Number) defaultValue).doubleValue())
        : defaultValue.toString();
    return s.length() <= SHOWN_DEFAULT_CHARS ? "`" + s + "`" : "\"" + s.substring(0, SHOWN_DEFAULT_CHARS).trim() + "...\"";
  }

  /** A bound or number as written in messages: integers without a fraction for integer params. */
  String bound(double value) {
    return type == Type.INTEGER ? Integer.toString((int) value) : Double.toString(value);
  }
}
