package dev.mmsafety.udf.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects what a loader found for one dataset: drafts and rejects, in native order. Enforces the dataset's
 * item limit (items = drafts + rejects, so counts reconcile) and rejects repeated case ids.
 */
public final class LoadSink {
  private final String benchmark;
  private final String dataset;
  private final long limit;
  private final List<CaseDraft> drafts = new ArrayList<>();
  private final List<IngestReject> rejects = new ArrayList<>();
  private final Set<String> caseIds = new HashSet<>();

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

  public void reject(String file, String row, BadRecordException e, String itemId) {
    reject(file, row, e.field(), e.reasonCode(), e.getMessage(), itemId);
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
