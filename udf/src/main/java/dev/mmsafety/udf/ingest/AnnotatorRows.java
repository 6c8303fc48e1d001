package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.metrics.HumanLabels;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Long labels files, one row per answer x annotator (x decision), grouped into one record per answer for
 * {@link ResponseImporter}: rows with the same id (or question, without one) and model are one answer, whose
 * fields come from its first row and whose labels are {@code decision:annotator -> label} from all its rows. A row
 * without an annotator field is an ordinary record (wide labels, or none). A row whose answer text differs from its
 * group's first row, or that repeats an annotator's label for the same decision, is a reject, never merged.
 */
public final class AnnotatorRows {
  private final ResponseImporter importer;
  private final Map<String, Group> groups = new LinkedHashMap<>();

  private record Group(String file, String row, Map<String, Object> first, Map<String, String> labels) {}

  public AnnotatorRows(ResponseImporter importer) {
    this.importer = importer;
  }

  /** Takes one record: grouped when it has an annotator, else passed straight to the importer. */
  public void accept(String file, String row, Map<String, Object> r) {
    try {
      String annotator = importer.value(r, "annotator");
      if (annotator == null) {
        importer.accept(file, row, r);
        return;
      }
      if (annotator.isBlank()) {
        throw new BadRecordException(IngestReject.MISSING_FIELD, importer.column("annotator"),
            "field " + importer.column("annotator") + " is empty");
      }
      String decision = importer.decisionOf(r);
      if (decision == null) {
        throw new BadRecordException(IngestReject.MISSING_FIELD, importer.column("decision"),
            "field " + importer.column("decision") + " is missing (refused or harmful; or give the decision option)");
      }
      String label = importer.value(r, "label");
      String answerKey = importer.answerKey(r);
      Group g = groups.get(answerKey);
      if (g == null) {
        // A copy: a reader may reuse its record map for the next row.
        g = new Group(file, row, new LinkedHashMap<>(r), new TreeMap<>());
        groups.put(answerKey, g);
      } else if (!Objects.equals(importer.value(r, "response"), importer.value(g.first(), "response"))) {
        throw new BadRecordException(IngestReject.BAD_VALUE, importer.column("response"),
            "answer differs from row " + g.row() + " of the same id and model");
      }
      String key = ResponseImporter.labelKey(decision, annotator.trim());
      if (g.labels().containsKey(key)) {
        throw new BadRecordException(IngestReject.DUPLICATE_ID, importer.column("annotator"),
            "annotator " + annotator.trim() + " already labelled " + decision + " for this answer");
      }
      if (label != null && !label.isBlank()) {
        g.labels().put(key, HumanLabels.canonical(decision, label));
      }
    } catch (BadRecordException e) {
      importer.reject(file, row, e);
    }
  }

  /** Hands the grouped answers to the importer, in the order of their first rows. */
  public void finish() {
    groups.values().forEach(g -> importer.accept(g.file(), g.row(), g.first(), g.labels()));
    groups.clear();
  }
}
