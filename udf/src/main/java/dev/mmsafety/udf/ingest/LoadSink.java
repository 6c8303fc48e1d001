package dev.mmsafety.udf.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what a loader found for one dataset: drafts and rejects, in native order. Enforces the dataset's
 * item limit (items = drafts + rejects, so counts reconcile) and rejects repeated case ids.
 */
public final class LoadSink {
  /** Longer prompts are almost always a broken file (a whole document in one field), not a test case. */
  public static final int MAX_PROMPT_CHARS = 100_000;

  private final String benchmark;
  private final String dataset;
  private final long limit;
  private final List<CaseDraft> drafts = new ArrayList<>();
  private final List<IngestReject> rejects = new ArrayList<>();
  private final Set<String> caseIds = new HashSet<>();
  private final Map<String, Set<String>> columns = new java.util.LinkedHashMap<>();

  public LoadSink(String benchmark, String dataset, Integer limit) {
    this.benchmark = benchmark;
    this.dataset = dataset;
    this.limit = limit == null ? Long.MAX_VALUE : limit;
  }

  /** True once the limit is reached; loaders stop reading. */
  public boolean full() {
    return drafts.size() + rejects.size() >= limit;
  }

  public void add(CaseDraft draft) {
    if (full()) {
      return;
    }
    String id = draft.caseId();
    String text = draft.promptText();
    if (text != null && text.length() > MAX_PROMPT_CHARS) {
      reject(draft.sourceFile(), draft.sourceRow(), "text", IngestReject.PROMPT_TOO_LONG,
          "prompt has " + text.length() + " characters, limit " + MAX_PROMPT_CHARS, id);
      return;
    }
    for (String field : new String[] {text, draft.sourceText()}) {
      // U+FFFD is what a decoder leaves for bytes that were not UTF-8: the text the benchmark meant is lost.
      if (field != null && field.indexOf('\uFFFD') >= 0) {
        reject(draft.sourceFile(), draft.sourceRow(), "text", IngestReject.INVALID_UTF8,
            "text holds bytes that are not valid UTF-8", id);
        return;
      }
    }
    if (!caseIds.add(id)) {
      reject(draft.sourceFile(), draft.sourceRow(), "id", IngestReject.DUPLICATE_ID, "case id " + id + " already seen", id);
      return;
    }
    drafts.add(draft);
  }

  public void reject(String file, String row, String field, String code, String reason, String itemId) {
    if (full()) {
      return;
    }
    rejects.add(new IngestReject(benchmark, dataset, file, row, field, code, reason, itemId));
  }

  /** Notes the columns (CSV header, record keys, parquet schema) a file showed, for errors naming what exists. */
  public void sawColumns(String file, Iterable<String> names) {
    Set<String> seen = columns.computeIfAbsent(file, f -> new java.util.LinkedHashSet<>());
    names.forEach(seen::add);
  }

  /** Columns seen per file, in file order then first-seen order. */
  public Map<String, Set<String>> columns() {
    return columns;
  }

  public void reject(String file, String row, BadRecordException e, String itemId) {
    reject(file, row, e.reason().field(), e.reason().code(), e.getMessage(), itemId);
  }

  public String benchmark() {
    return benchmark;
  }

  public String dataset() {
    return dataset;
  }

  public List<CaseDraft> drafts() {
    return drafts;
  }

  public List<IngestReject> rejects() {
    return rejects;
  }
}
