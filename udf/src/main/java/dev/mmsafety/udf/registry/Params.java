package dev.mmsafety.udf.registry;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads one component's config params against its {@link Param} declarations (defaults, allowed values, ranges),
 * collecting the resolved values. Every error is one line: "Cannot create &lt;family&gt; &lt;label&gt;: parameter
 * 'k' ...". A key counts as known once it has been read, so a parameter that only applies to another mode (e.g.
 * {@code sigma} for a blur) is reported as unknown by {@link #done()}.
 */
public final class Params {
  private final String family;
  private final String label;
  private final Map<String, Param> declared = new LinkedHashMap<>();
  private final Map<String, Object> raw;
  private final Map<String, Object> resolved = new TreeMap<>();
  private final Set<String> read = new HashSet<>();

  /**
   * @param family attack, judge or defense (the word in messages)
   * @param label the configured item the messages name
   */
  public Params(String family, String label, List<Param> params, Map<String, Object> raw) {
    this.family = family;
    this.label = label;
    params.forEach(p -> declared.put(p.key(), p));
    this.raw = raw == null ? Map.of() : raw;
  }

  public String string(String key) {
    Param p = take(key);
    Object v = raw.get(key);
    String s = v == null ? (String) p.defaultValue() : v.toString();
    if (s != null) {
      resolved.put(key, s);
    }
    return s;
  }

  /** A string that must be given and not blank. */
  public String required(String key) {
    String s = string(key);
    if (s == null || s.isBlank()) {
      throw bad(key, "is required");
    }
    return s;
  }

  public String choice(String key) {
    String s = string(key);
    Param p = declared.get(key);
    if (!p.allowed().contains(s)) {
      throw bad(key, "'" + s + "' is not one of " + String.join(", ", p.allowed()));
    }
    return s;
  }

  public int integer(String key) {
    return (int) numeric(key, true);
  }

  public double number(String key) {
    return numeric(key, false);
  }

  /** A number param declared without default: null when not given, else checked like {@link #number}. */
  public Double optionalNumber(String key) {
    if (raw.get(key) == null) {
      take(key);
      return null;
    }
    return numeric(key, false);
  }

  /** A numeric param read as its declared type says (integer or number), e.g. the one amount a mode reads. */
  public double amount(String key) {
    return numeric(key, take(key).type() == Param.Type.INTEGER);
  }

  /** true or false, as a YAML boolean or as text. */
  public boolean bool(String key) {
    Param p = take(key);
    Object v = raw.get(key);
    boolean b;
    if (v == null) {
      b = (Boolean) p.defaultValue();
    } else if (v instanceof Boolean given) {
      b = given;
    } else if ("true".equals(v.toString()) || "false".equals(v.toString())) {
      b = Boolean.parseBoolean(v.toString());
    } else {
      throw bad(key, "'" + v + "' is not true or false");
    }
    resolved.put(key, b);
    return b;
  }

  /** A YAML list, or one value as a one-element list. */
  @SuppressWarnings("unchecked")
  public List<String> list(String key) {
    Param p = take(key);
    Object v = raw.get(key);
    List<String> l = v == null ? (List<String>) p.defaultValue()
        : v instanceof List<?> given ? given.stream().map(String::valueOf).toList()
        : List.of(String.valueOf(v));
    if (l != null) {
      resolved.put(key, l);
    }
    return l;
  }

  /** An error about one parameter: "Cannot create &lt;family&gt; &lt;label&gt;: parameter 'k' &lt;why&gt;". */
  public ConfigException bad(String key, String why) {
    return fail("parameter '" + key + "' " + why);
  }

  /** An error about the item as a whole: "Cannot create &lt;family&gt; &lt;label&gt;: &lt;why&gt;". */
  public ConfigException fail(String why) {
    return new ConfigException("Cannot create " + family + " " + label + ": " + why);
  }

  /** The keys of {@code keys} the config gives, in that order (for params another type owns). */
  public List<String> given(List<String> keys) {
    return keys.stream().filter(raw::containsKey).toList();
  }

  public String label() {
    return label;
  }

  /** Fails on keys nobody read; returns the resolved params (what attack_params and defense_params record). */
  public Map<String, Object> done() {
    Set<String> unknown = new TreeSet<>(raw.keySet());
    unknown.removeAll(read);
    if (!unknown.isEmpty()) {
      throw fail("unknown parameter(s) " + unknown + " (known: " + new TreeSet<>(read) + ")");
    }
    return Map.copyOf(resolved);
  }

  private double numeric(String key, boolean integral) {
    Param p = take(key);
    Object v = raw.get(key);
    double d;
    if (v == null) {
      d = ((Number) p.defaultValue()).doubleValue();
    } else if (v instanceof Number n && (!integral || n.doubleValue() == Math.rint(n.doubleValue()))) {
      d = integral ? n.intValue() : n.doubleValue();
    } else {
      try {
        d = integral ? Integer.parseInt(v.toString().trim()) : Double.parseDouble(v.toString().trim());
      } catch (NumberFormatException e) {
        throw bad(key, "'" + v + "' is not " + (integral ? "an integer" : "a number"));
      }
    }
    String shown = integral ? Integer.toString((int) d) : Double.toString(d);
    if (p.min() != null && !(d >= p.min() && d <= p.max())) {
      throw bad(key, shown + " is outside [" + p.bound(p.min()) + ", " + p.bound(p.max()) + "]");
    }
    // Boxed apart: a conditional expression would promote the Integer to a Double (and change attack_params).
    Object value = integral ? (Object) (int) d : (Object) d;
    resolved.put(key, value);
    return d;
  }

  private Param take(String key) {
    Param p = declared.get(key);
    if (p == null) {
      throw new IllegalStateException("Cannot read parameter " + key + " of " + family + " " + label + ": not declared");
    }
    read.add(key);
    return p;
  }
}
