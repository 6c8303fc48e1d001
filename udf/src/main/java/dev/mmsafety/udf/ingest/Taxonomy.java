package dev.mmsafety.udf.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps each benchmark's native category to one canonical category (docs/taxonomy.md), from the data file
 * {@code mmsafety/taxonomy.csv} (benchmark,native_category,canonical_category). Lookups ignore case and
 * surrounding space; {@code a/b} native categories fall back to {@code a}. Benign cases map to {@code benign};
 * anything unmapped maps to {@code other}.
 */
public final class Taxonomy implements Serializable {
  public static final String RESOURCE = "mmsafety/taxonomy.csv";
  public static final String BENIGN = "benign";
  public static final String OTHER = "other";

  private final Map<String, String> mapping;

  private Taxonomy(Map<String, String> mapping) {
    this.mapping = mapping;
  }

  public static Taxonomy load() {
    try (InputStream in = Taxonomy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load taxonomy: " + RESOURCE + " not on the class path");
      }
      Map<String, String> mapping = new HashMap<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i].trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        // Native names may contain commas ("controversial topics, politics"): the canonical one never does.
        int first = line.indexOf(',');
        int last = line.lastIndexOf(',');
        String native_ = unquote(line.substring(first + 1, last));
        mapping.put(key(line.substring(0, first), native_), line.substring(last + 1).trim());
      }
      return new Taxonomy(mapping);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String canonical(String benchmark, String nativeCategory, String polarity) {
    if (CaseDraft.BENIGN.equals(polarity)) {
      return BENIGN;
    }
    if (nativeCategory == null) {
      return OTHER;
    }
    String found = mapping.get(key(benchmark, nativeCategory));
    if (found == null && nativeCategory.contains("/")) {
      found = mapping.get(key(benchmark, nativeCategory.substring(0, nativeCategory.indexOf('/'))));
    }
    if (found == null) {
      found = mapping.get(key("*", nativeCategory));
    }
    return found == null ? OTHER : found;
  }

  /** Every canonical category the data file uses, plus benign and other. */
  public Set<String> canonicalCategories() {
    Set<String> all = new TreeSet<>(mapping.values());
    all.add(BENIGN);
    all.add(OTHER);
    return all;
  }

  private static String key(String benchmark, String nativeCategory) {
    return benchmark.trim().toLowerCase(Locale.ROOT) + "\u0000" + nativeCategory.trim().toLowerCase(Locale.ROOT);
  }

  private static String unquote(String s) {
    String t = s.trim();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
