package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a loader found in one dataset. {@code rowsRead() == drafts().size() + rejects().size()}; drafts become
 * cases or image rejects in the image stage.
 */
public record LoadResult(
    String benchmark,
    String dataset,
    String datasetHash,
    List<CaseDraft> drafts,
    List<IngestReject> rejects,
    Map<String, Set<String>> columns) {
  public long rowsRead() {
    return (long) drafts.size() + rejects.size();
  }

  /**
   * The error for a dataset that gave no case: what was read, why the rows were rejected (counts per reason, the
   * first reason in full) and the columns the files showed, so a mapping typo is visible in one line.
   *
   * @param rejected rejects per reason code (ingest's, or those of the image stage too)
   * @param first the first reject, or null
   */
  public ConfigException noCases(Map<String, Long> rejected, IngestReject first) {
    StringBuilder s = new StringBuilder("Cannot ingest " + dataset + ": 0 cases from " + rowsRead() + " row(s) read");
    if (!rejected.isEmpty()) {
      s.append(" (rejected: ");
      s.append(rejected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
          .collect(java.util.stream.Collectors.joining(", ")));
      if (first != null) {
        s.append("; first: ").append(first.sourceFile() == null ? "" : first.sourceFile())
            .append(first.sourceRow() == null ? "" : " row " + first.sourceRow())
            .append(first.field() == null ? "" : " field " + first.field())
            .append(": ").append(first.reason());
      }
      s.append(')');
    }
    s.append("; ").append(columnsFound());
    return new ConfigException(s.toString().replace('\n', ' '));
  }

  /** "columns found in f: a, b" per file (at most 3 files), or "no columns found". */
  public String columnsFound() {
    List<String> parts = new java.util.ArrayList<>();
    columns.forEach((file, names) -> {
      if (parts.size() < 3 && !names.isEmpty()) {
        parts.add("columns found in " + file + ": " + String.join(", ", names));
      }
    });
    return parts.isEmpty() ? "no columns found" : String.join("; ", parts);
  }
}
