package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.ImageLimits;
import dev.mmsafety.udf.registry.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to {@code datasets[].options}, with "Cannot ingest <dataset>: ..." errors. Lists accept a YAML
 * list or a comma-separated string (the CLI's {@code --option k=a,b}).
 */
public final class LoaderOptions {
  /** Options every loader accepts (image limits and the missing-image policy), for the docs. */
  public static final List<Param> COMMON_OPTIONS =
      List.of(
          new Param(ImageLimits.MAX_BYTES, Param.Type.INTEGER, ImageLimits.MAX_BYTES_DEFAULT, List.of(), null, null, false,
              "larger image files are rejected (image_too_large) unread"),
          new Param(ImageLimits.MAX_PIXELS, Param.Type.INTEGER, ImageLimits.MAX_PIXELS_DEFAULT, List.of(), null, null,
              false, "images declaring more pixels are rejected from the header (image_too_large)"),
          Param.choice(ImageLimits.BAD_EXIF, ImageLimits.BAD_EXIF_DEFAULT, "an EXIF block that lies (Orientation outside"
              + " 1-8, PixelX/YDimension that disagree with the image) is a reject (image_exif_invalid); ignore shows the"
              + " image as stored, as browsers do", "reject", "ignore"),
          Param.choice("missing-image", "reject", "keep-text keeps a case whose image file is absent as text-only"
              + " (image_uri null, extra.image_missing names the file)", "reject", "keep-text"));

  /** Their keys. */
  public static final Set<String> COMMON =
      COMMON_OPTIONS.stream().map(Param::key).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final String dataset;
  private final Map<String, Object> options;

  public LoaderOptions(String dataset, Map<String, Object> options) {
    this.dataset = dataset;
    this.options = options;
  }

  /** Fails on keys the loader does not know, naming them. */
  public void check(Set<String> known) {
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(known);
    unknown.removeAll(COMMON);
    if (!unknown.isEmpty()) {
      throw new ConfigException(
          "Cannot ingest " + dataset + ": unknown option(s) " + unknown + "; known: " + new TreeSet<>(known));
    }
  }

  public String string(String key, String fallback) {
    Object v = options.get(key);
    return v == null ? fallback : v.toString().trim();
  }

  public boolean bool(String key, boolean fallback) {
    Object v = options.get(key);
    if (v == null) {
      return fallback;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException("Cannot ingest " + dataset + ": option " + key + " must be true or false, got " + v);
  }

  public List<String> list(String key, List<String> fallback) {
    Object v = options.get(key);
    if (v == null) {
      return fallback;
    }
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      l.forEach(x -> out.add(x.toString().trim()));
    } else {
      for (String s : v.toString().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  /** A list whose values must come from {@code allowed}. */
  public List<String> choices(String key, List<String> fallback, List<String> allowed) {
    List<String> values = list(key, fallback);
    for (String v : values) {
      if (!allowed.contains(v)) {
        throw new ConfigException("Cannot ingest " + dataset + ": option " + key + " value " + v + " is not one of " + allowed);
      }
    }
    return values;
  }

  public String choice(String key, String fallback, List<String> allowed) {
    String v = string(key, fallback);
    if (v != null && !allowed.contains(v)) {
      throw new ConfigException("Cannot ingest " + dataset + ": option " + key + " value " + v + " is not one of " + allowed);
    }
    return v;
  }

  /** A nested map option (e.g. the generic loader's field mapping), keys and values as text. */
  public Map<String, String> map(String key) {
    Object v = options.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      m.forEach((k, x) -> out.put(k.toString(), x == null ? null : x.toString()));
      return out;
    }
    // CLI form: "id:qid;text:prompt"
    for (String pair : v.toString().split(";")) {
      int c = pair.indexOf(':');
      if (c <= 0) {
        throw new ConfigException("Cannot ingest " + dataset + ": option " + key + " entry '" + pair + "' is not name:column");
      }
      out.put(pair.substring(0, c).trim(), pair.substring(c + 1).trim());
    }
    return out;
  }

  /** Policy for a named image that is absent: reject (default) or keep the case as text-only. */
  public boolean keepTextIfImageMissing() {
    return "keep-text".equals(choice("missing-image", "reject", List.of("reject", "keep-text")));
  }

  public String dataset() {
    return dataset;
  }
}
