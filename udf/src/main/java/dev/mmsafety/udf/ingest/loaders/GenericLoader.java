package dev.mmsafety.udf.ingest.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.ingest.BadRecordException;
import dev.mmsafety.udf.ingest.BenchmarkLoader;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.IngestReject;
import dev.mmsafety.udf.ingest.LoadContext;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.ingest.ParquetRecords;
import dev.mmsafety.udf.ingest.Records;
import dev.mmsafety.udf.registry.Param;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Any JSONL, JSON-array, CSV or Parquet file with a field mapping in {@code options.fields} (role: column).
 * Roles: id and text (required), image (path inside the root), image-url (any Hadoop URI), image-bytes (parquet
 * binary or base64 text), category, polarity (harmful|benign), variant, split, source-text, key-phrase,
 * expected-label, reference-answer, safety-warning, correct-option. Unmapped columns go to {@code extra}, or are
 * rejected as unknown_field with {@code strict: true}.
 */
public final class GenericLoader implements BenchmarkLoader {
  public static final String NAME = "generic";
  public static final List<String> ROLES =
      List.of("id", "text", "image", "image-url", "image-bytes", "category", "polarity", "variant", "split",
          "source-text", "key-phrase", "expected-label", "reference-answer", "safety-warning", "correct-option");
  public static final List<String> FORMATS = List.of("jsonl", "json", "csv", "parquet");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "any .jsonl, .json (array), .csv or .parquet file, columns mapped to roles by option fields",
      GenericLoader::new,
      Param.string("file", null, "the file to read (else every such file in the root)"),
      Param.choice("format", null, "force a format instead of the file extension", "jsonl", "json", "csv", "parquet"),
      Param.string("fields", null, "role to column map, e.g. id:qid;text:prompt (roles: see generic below)"),
      Param.choice("polarity", CaseDraft.HARMFUL, "polarity of every case", CaseDraft.HARMFUL, CaseDraft.BENIGN),
      Param.string("variant", "default", "variant of every case"),
      Param.bool("strict", false, "unmapped columns are unknown_field rejects instead of going to extra"),
      Param.list("allowed-hosts", List.of(), "hosts http(s) image URLs may come from"));

  @Override
  public void load(LoadContext ctx) throws IOException {
    Map<String, String> fields = ctx.options().map("fields");
    for (String role : fields.keySet()) {
      if (!ROLES.contains(role)) {
        throw new ConfigException("Cannot ingest " + ctx.spec().name() + ": fields." + role + " is not one of " + ROLES);
      }
    }
    Set<String> mapped = Set.copyOf(fields.keySet());
    fields.putIfAbsent("id", "id");
    fields.putIfAbsent("text", "text");
    String formatOption = ctx.options().choice("format", null, FORMATS);
    List<String> files = new ArrayList<>();
    String file = ctx.options().string("file", null);
    if (file != null) {
      if (!ctx.source().isFile(file)) {
        throw ctx.missing("file " + file);
      }
      files.add(file);
    } else {
      for (String ext : formatOption == null ? FORMATS : List.of(formatOption)) {
        files.addAll(ctx.source().listFiles("", "." + ext));
      }
      files.sort(null);
    }
    if (files.isEmpty()) {
      throw ctx.missing(".jsonl/.json/.csv/.parquet file");
    }
    Mapping m =
        new Mapping(fields, ctx.options().choice("polarity", CaseDraft.HARMFUL, List.of(CaseDraft.HARMFUL, CaseDraft.BENIGN)),
            ctx.options().string("variant", "default"), ctx.options().bool("strict", false),
            Set.copyOf(ctx.options().list("allowed-hosts", List.of())));
    for (String f : files) {
      String format = formatOption != null ? formatOption : f.substring(f.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      read(ctx, f, format, m);
      checkColumns(ctx, f, format, fields, mapped);
    }
  }

  /**
   * A mapped column the file does not have is a typo, not bad rows: one error naming the role, the column and the
   * columns the file has. Optional roles are checked only where the columns are known whole (CSV header, parquet
   * schema, or every JSON record read).
   */
  private static void checkColumns(
      LoadContext ctx, String file, String format, Map<String, String> fields, Set<String> mapped) {
    Set<String> found = ctx.sink().columns().getOrDefault(file, Set.of());
    if (found.isEmpty()) {
      return; // no record at all: the no-cases error says so
    }
    boolean whole = format.equals("csv") || format.equals("parquet") || !ctx.sink().full();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      boolean required = e.getKey().equals("id") || e.getKey().equals("text");
      if ((required || whole) && !found.contains(e.getValue())) {
        throw new ConfigException("Cannot ingest " + ctx.spec().name() + ": fields." + e.getKey()
            + (mapped.contains(e.getKey()) ? " names" : " defaults to") + " column '" + e.getValue() + "', which "
            + file + " lacks (columns found: " + String.join(", ", found) + ")");
      }
    }
  }

  private record Mapping(
      Map<String, String> fields, String polarity, String variant, boolean strict, Set<String> allowedHosts) {}

  private static void read(LoadContext ctx, String file, String format, Mapping m) throws IOException {
    switch (format) {
      case "csv" -> Records.csv(ctx.source().readText(file), file, ctx.sink(), (row, v) -> guarded(ctx, file, row, new LinkedHashMap<>(v), m));
      case "jsonl" -> Records.jsonLines(ctx.source().readText(file), file, ctx.sink(), (row, n) -> guarded(ctx, file, row, Records.flatten(n), m));
      case "json" -> Records.jsonRecords(
          ctx.source().readText(file), file, ctx.sink(), JsonNodeType.ARRAY, "a JSON array of objects", i -> null,
          (i, n) -> {
            if (!n.isObject()) {
              throw new BadRecordException(IngestReject.MALFORMED_JSON, null, "item is not an object");
            }
            guarded(ctx, file, i, Records.flatten(n), m);
          });
      case "parquet" -> {
        ctx.source().hashByStatus(file);
        try {
          ParquetRecords.read(ctx.source().path(file), ctx.source().conf(), null, (row, r) -> {
            ctx.sink().sawColumns(file, r.keySet());
            guarded(ctx, file, Long.toString(row), r, m);
            return !ctx.sink().full();
          });
        } catch (IOException | RuntimeException e) {
          ctx.sink().reject(file, null, null, IngestReject.MALFORMED_PARQUET, "cannot read: " + e.getMessage(), null);
        }
      }
      default -> throw new ConfigException("Cannot ingest " + ctx.spec().name() + ": unknown format of " + file);
    }
  }

  private static void guarded(LoadContext ctx, String file, String row, Map<String, Object> r, Mapping m) {
    try {
      add(ctx, file, row, r, m);
    } catch (BadRecordException e) {
      ctx.sink().reject(file, row, e, null);
    } catch (IOException e) {
      ctx.sink().reject(file, row, "image-bytes", "image_store_failed", "cannot store image bytes: " + e.getMessage(), null);
    }
  }

  /** Image URLs are fetched only from hosts the dataset's options allow (no fetching from arbitrary hosts). */
  private static String allowedUrl(String url, Set<String> allowedHosts, String field) {
    String host;
    try {
      host = java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(IngestReject.BAD_VALUE, field, "image URL " + url + " does not parse");
    }
    if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
      throw new BadRecordException(IngestReject.HOST_NOT_ALLOWED, field,
          "image URL host " + host + " is not in options.allowed-hosts " + allowedHosts);
    }
    return url;
  }

  private static void add(LoadContext ctx, String file, String row, Map<String, Object> r, Mapping m) throws IOException {
    Map<String, String> f = m.fields();
    String polarity = optString(r, f.get("polarity"), "polarity");
    polarity = polarity == null ? m.polarity() : polarity.trim().toLowerCase(Locale.ROOT);
    if (!polarity.equals(CaseDraft.HARMFUL) && !polarity.equals(CaseDraft.BENIGN)) {
      throw new BadRecordException(IngestReject.BAD_VALUE, f.get("polarity"), "polarity " + polarity + " is not harmful or benign");
    }
    String category = optString(r, f.get("category"), "category");
    if (category != null && !ctx.knownCategory(category)) {
      // Generic data must name a category of the shared taxonomy (docs/taxonomy.md) or one it maps.
      throw new BadRecordException(IngestReject.UNKNOWN_CATEGORY, f.get("category"),
          "category " + category + " is not in the taxonomy (docs/taxonomy.md)");
    }
    String variant = optString(r, f.get("variant"), "variant");
    String split = optString(r, f.get("split"), "split");
    String text = required(r, f.get("text"));
    CaseDraft.Builder d =
        ctx.draft(
                split == null ? file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('.')) : split,
                variant == null ? m.variant() : variant,
                required(r, f.get("id")),
                category,
                polarity)
            .promptText(text)
            .sourceText(opt(r, f, "source-text", text))
            .keyPhrase(opt(r, f, "key-phrase", null))
            .expectedLabel(opt(r, f, "expected-label", null))
            .referenceAnswer(opt(r, f, "reference-answer", null))
            .safetyWarning(opt(r, f, "safety-warning", null))
            .correctOption(opt(r, f, "correct-option", null))
            .source(file, row);
    String image = optString(r, f.get("image"), "image");
    String url = optString(r, f.get("image-url"), "image-url");
    Object bytes = f.containsKey("image-bytes") ? r.get(f.get("image-bytes")) : null;
    if (image != null && image.matches("(?i)^https?://.*")) {
      url = image;
      image = null;
    }
    if (image != null && !image.isBlank()) {
      d.image(ctx.source().resolveInside("", image, f.get("image")), f.get("image"));
    } else if (url != null && !url.isBlank()) {
      String field = f.containsKey("image-url") ? f.get("image-url") : f.get("image");
      // Web URLs only from allowed hosts; Hadoop URIs (s3a://, hdfs://, file:) are the user's own storage.
      d.image(url.trim().matches("(?i)^https?://.*") ? allowedUrl(url.trim(), m.allowedHosts(), field) : url.trim(),
          field);
    } else if (bytes != null) {
      byte[] b = bytes instanceof byte[] raw ? raw : decode(bytes.toString(), f.get("image-bytes"));
      d.image(ctx.store().put(b), f.get("image-bytes")).estimatedBytes(b.length);
    }
    for (Map.Entry<String, Object> e : r.entrySet()) {
      if (!f.containsValue(e.getKey())) {
        if (m.strict()) {
          throw new BadRecordException(IngestReject.UNKNOWN_FIELD, e.getKey(), "unknown field " + e.getKey());
        }
        if (e.getValue() != null && !(e.getValue() instanceof byte[])) {
          d.extra(e.getKey(), e.getValue().toString());
        }
      }
    }
    ctx.sink().add(d.build());
  }

  private static byte[] decode(String base64, String field) {
    try {
      String s = base64.trim();
      int comma = s.startsWith("data:") ? s.indexOf(',') : -1;
      return Base64.getDecoder().decode(comma >= 0 ? s.substring(comma + 1) : s);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, field, "field " + field + " is not base64 image bytes");
    }
  }

  private static String opt(Map<String, Object> r, Map<String, String> f, String role, String fallback) {
    String v = optString(r, f.get(role), role);
    return v == null ? fallback : v;
  }

  private static String required(Map<String, Object> r, String column) {
    String v = optString(r, column, column);
    if (v == null || v.isBlank()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, column, "field " + column + " is missing or empty");
    }
    return v;
  }

  /** A text value; numbers are accepted as text (ids), structures and bytes are wrong_type. */
  private static String optString(Map<String, Object> r, String column, String role) {
    if (column == null) {
      return null;
    }
    Object v = r.get(column);
    if (v == null) {
      return null;
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    throw new BadRecordException(IngestReject.WRONG_TYPE, column, "field " + column + " (" + role + ") is not text");
  }
}
