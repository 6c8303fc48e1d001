package dev.mmsafety.udf.ingest;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.metrics.HumanLabels;
import dev.mmsafety.udf.spark.IngestImagesFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * Turns records of responses produced elsewhere into {@code cases} and {@code responses} rows (source imported,
 * status ok, attack none, defense none, simulator false), so judges and metrics run without model calls. One
 * case row per distinct case id; one response per (case, model). Field roles (option {@code fields}): case-id or
 * id, text (the question: cases.prompt_text, which judges read as {{question}}), response, model, benchmark,
 * variant, category, polarity, image (cases.image_uri; a relative path is resolved against the file's folder),
 * context (e.g. an image description: cases.extra["context"], which LLM judges read as {{context}}), plus human
 * labels from every column starting with {@code label-prefix} (default {@code human_}), or, in a long labels file,
 * from the annotator and label fields of several rows of one answer ({@link AnnotatorRows}). When a record's
 * decision field (or {@link #decision(String)}) names the question labelled (refused or harmful), labels are stored
 * as {@code decision:annotator -> refused|complied|unsafe|safe} ({@link HumanLabels#canonical}); unknown values as
 * given. Without an id the question text identifies the answer.
 *
 * <p>Ids: probe_id = shortId(case_id, "none", "{}", "0") (an imported answer has no attack and no seed),
 * response_id = shortId(probe_id, model, "none"), as docs/design.md composes them.
 */
public final class ResponseImporter {
  public static final List<String> ROLES =
      List.of("case-id", "id", "text", "response", "model", "benchmark", "variant", "category", "polarity", "image",
          "context", "annotator", "label", "decision");
  /** cases.extra key of the imported context field: the last key LLM judges try for {{context}}. */
  public static final String CONTEXT_KEY = "context";
  public static final String LABEL_PREFIX_DEFAULT = "human_";
  public static final String BENCHMARK_DEFAULT = "imported";
  public static final String STAGE = "import";

  private final String dataset;
  private final String benchmark;
  private final Map<String, String> fields;
  private final String labelPrefix;
  private final String runId;
  private final String runDate;
  private final Taxonomy taxonomy = Taxonomy.load();
  private final Set<String> caseIds = new HashSet<>();
  private final Set<String> responseIds = new HashSet<>();
  private final List<Row> cases = new ArrayList<>();
  private final List<Row> responses = new ArrayList<>();
  private final List<IngestReject> rejects = new ArrayList<>();
  private String datasetHash = "";
  private String defaultModel;
  private String defaultDecision;
  private DatasetSource imageRoot;

  public ResponseImporter(String dataset, String benchmark, Map<String, String> fields, String labelPrefix, String runId, String runDate) {
    this.dataset = dataset;
    this.benchmark = benchmark == null ? BENCHMARK_DEFAULT : benchmark;
    this.fields = new TreeMap<>(fields);
    // Unmapped roles read the column of the same name (case-id reads case_id); absent columns are simply unset.
    for (String role : ROLES) {
      this.fields.putIfAbsent(role, role.equals("case-id") ? "case_id" : role);
    }
    this.labelPrefix = labelPrefix == null ? LABEL_PREFIX_DEFAULT : labelPrefix;
    this.runId = runId;
    this.runDate = runDate;
  }

  public void datasetHash(String hash) {
    this.datasetHash = hash;
  }

  /** The folder relative image paths are resolved against (the responses file's); without one they stay as given. */
  public void imageRoot(DatasetSource source) {
    this.imageRoot = source;
  }

  /** The model of records without a model field (a labels file of one system's answers); null = required. */
  public void defaultModel(String model) {
    this.defaultModel = model;
  }

  /** The decision of records without a decision field (refused or harmful); null = none (labels kept as given). */
  public void decision(String named) {
    this.defaultDecision = named == null ? null : HumanLabels.decision(named);
  }

  /** Adds one record; a bad one becomes a reject naming file, row and field. */
  public void accept(String file, String row, Map<String, Object> r) {
    try {
      accept(file, row, r, wideLabels(r));
    } catch (BadRecordException e) {
      reject(file, row, e);
    }
  }

  void reject(String file, String row, BadRecordException e) {
    rejects.add(
        new IngestReject(benchmark, dataset, file, row, e.reason().field(), e.reason().code(), e.getMessage(), null));
  }

  /** The labels of one record: columns with the label prefix, keyed by decision when the record names one. */
  private Map<String, String> wideLabels(Map<String, Object> r) {
    String decision = decisionOf(r);
    Map<String, String> labels = new TreeMap<>();
    r.forEach((k, v) -> {
      if (k.startsWith(labelPrefix) && v != null && !v.toString().isBlank()) {
        if (decision == null) {
          labels.put(k, v.toString().trim());
        } else {
          labels.put(labelKey(decision, k.substring(labelPrefix.length())), HumanLabels.canonical(decision, v.toString()));
        }
      }
    });
    return labels;
  }

  /** The decision a record labels (its decision field, else the default); null when neither says. */
  String decisionOf(Map<String, Object> r) {
    String named = text(r, fields.get("decision"), "decision");
    if (named == null || named.isBlank()) {
      return defaultDecision;
    }
    try {
      return HumanLabels.decision(named);
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(IngestReject.BAD_VALUE, fields.get("decision"), e.getMessage());
    }
  }

  static String labelKey(String decision, String annotator) {
    return decision + HumanLabels.KEY_SEPARATOR + annotator;
  }

  /** The column of a role (the role's own name unless mapped). */
  String column(String role) {
    return fields.get(role);
  }

  /** A role's value as text; null when absent. */
  String value(Map<String, Object> r, String role) {
    return text(r, fields.get(role), role);
  }

  /** What identifies one answer across rows of a long labels file: the id (or question) and the model. */
  String answerKey(Map<String, Object> r) {
    String id = value(r, "case-id");
    if (id == null) {
      id = value(r, "id");
    }
    if (id == null) {
      id = "text:" + value(r, "text");
    }
    String model = value(r, "model");
    return id + "\u0000" + (model == null ? defaultModel : model);
  }

  /** Adds one record with labels already read (by {@link AnnotatorRows} for long files). */
  void accept(String file, String row, Map<String, Object> r, Map<String, String> labels) {
    try {
      String model = defaultModel != null && value(r, "model") == null ? defaultModel : required(r, "model");
      String response = text(r, fields.get("response"), "response");
      if (response == null) {
        throw new BadRecordException(IngestReject.MISSING_FIELD, fields.get("response"), "field " + fields.get("response") + " is missing");
      }
      String bench = orDefault(r, "benchmark", benchmark);
      String variant = orDefault(r, "variant", "imported");
      String caseId = text(r, fields.get("case-id"), "case-id");
      String id = text(r, fields.get("id"), "id");
      // Without an id the question identifies the answer (a labels file of question, answer rows).
      String nativeId = caseId != null ? caseId
          : id != null && !id.isBlank() ? id : Hashing.shortId("question", required(r, "text"));
      if (caseId == null) {
        caseId = CaseDraft.caseId(bench, variant, nativeId);
      }
      String polarity = orDefault(r, "polarity", CaseDraft.HARMFUL).toLowerCase(Locale.ROOT);
      if (!polarity.equals(CaseDraft.HARMFUL) && !polarity.equals(CaseDraft.BENIGN)) {
        throw new BadRecordException(IngestReject.BAD_VALUE, fields.get("polarity"), "polarity " + polarity + " is not harmful or benign");
      }
      String category = text(r, fields.get("category"), "category");
      String canonical = taxonomy.canonical(bench, category, polarity);
      String probeId = Hashing.shortId(caseId, "none", "{}", "0");
      String responseId = Hashing.shortId(probeId, model, "none");
      if (!responseIds.add(responseId)) {
        throw new BadRecordException(IngestReject.DUPLICATE_ID, fields.get("model"), "a response of " + model + " to " + caseId + " was already imported");
      }
      if (caseIds.add(caseId)) {
        cases.add(CasesTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, runId).set(SharedColumns.CASE_ID, caseId).set(SharedColumns.BENCHMARK, bench)
            .set(SharedColumns.DATASET, dataset).set(SharedColumns.VARIANT, variant).set(CasesTable.NATIVE_ID, nativeId)
            .set(SharedColumns.NATIVE_CATEGORY, category).set(SharedColumns.CANONICAL_CATEGORY, canonical)
            .set(SharedColumns.POLARITY, polarity).set(CasesTable.PROMPT_TEXT, required(r, "text"))
            .set(CasesTable.IMAGE_URI, image(r))
            .set(CasesTable.EXTRA, context(r))
            .set(CasesTable.DATASET_HASH, datasetHash).set(CasesTable.SOURCE_FILE, file).set(CasesTable.SOURCE_ROW, row)
            .set(SharedColumns.RUN_DATE, runDate).build());
      }
      responses.add(ResponsesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, runId).set(SharedColumns.RESPONSE_ID, responseId).set(SharedColumns.PROBE_ID, probeId)
          .set(SharedColumns.CASE_ID, caseId).set(SharedColumns.BENCHMARK, bench).set(SharedColumns.DATASET, dataset)
          .set(SharedColumns.VARIANT, variant)
          .set(ResponsesTable.DATASET_HASH, datasetHash).set(SharedColumns.NATIVE_CATEGORY, category)
          .set(SharedColumns.CANONICAL_CATEGORY, canonical).set(SharedColumns.POLARITY, polarity)
          .set(SharedColumns.ATTACK, "none").set(SharedColumns.DEFENSE, "none")
          .set(ResponsesTable.DEFENSE_VERSION, "none").set(ResponsesTable.DEFENSE_PARAMS, "{}")
          .set(ResponsesTable.MODEL_ID, model).set(SharedColumns.SIMULATOR, false).set(ResponsesTable.GEN_PARAMS, "{}")
          .set(ResponsesTable.REQUEST_ID, Hashing.sha256Hex("imported", model, caseId))
          .set(SharedColumns.STATUS, "ok").set(ResponsesTable.TEXT, response)
          .set(ResponsesTable.TEXT_SHA256, Hashing.sha256Hex(response))
          .set(ResponsesTable.ATTEMPTS, 0).set(ResponsesTable.CACHE_HIT, false)
          .set(ResponsesTable.SOURCE, "imported")
          .set(ResponsesTable.HUMAN_LABELS, labels.isEmpty() ? null : IngestImagesFunction.scalaMap(labels))
          .set(SharedColumns.RUN_DATE, runDate).set(SharedColumns.MODEL, model).build());
    } catch (BadRecordException e) {
      reject(file, row, e);
    }
  }

  /** Records the sink's parse rejects (malformed lines and rows). */
  public void addRejects(List<IngestReject> parseRejects) {
    rejects.addAll(parseRejects);
  }

  public List<Row> cases() {
    return cases;
  }

  public List<Row> responses() {
    return responses;
  }

  public List<IngestReject> rejects() {
    return rejects;
  }

  private String image(Map<String, Object> r) {
    String image = text(r, fields.get("image"), "image");
    if (image == null || image.isBlank()) {
      return null;
    }
    String p = image.trim();
    if (imageRoot == null || p.startsWith("/") || p.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return p;
    }
    return imageRoot.resolveInside("", p, fields.get("image"));
  }

  private scala.collection.Map<String, String> context(Map<String, Object> r) {
    String context = text(r, fields.get("context"), "context");
    return context == null || context.isBlank() ? null : IngestImagesFunction.scalaMap(Map.of(CONTEXT_KEY, context));
  }

  private String required(Map<String, Object> r, String role) {
    String v = text(r, fields.get(role), role);
    if (v == null || v.isBlank()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, fields.get(role), "field " + fields.get(role) + " is missing or empty");
    }
    return v;
  }

  private String orDefault(Map<String, Object> r, String role, String fallback) {
    String v = text(r, fields.get(role), role);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static String text(Map<String, Object> r, String column, String role) {
    if (column == null) {
      return null;
    }
    Object v = r.get(column);
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
      return v == null ? null : v.toString();
    }
    throw new BadRecordException(IngestReject.WRONG_TYPE, column, "field " + column + " (" + role + ") is not text");
  }
}
