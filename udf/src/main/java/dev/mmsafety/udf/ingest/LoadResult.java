package dev.mmsafety.udf.ingest;

import java.util.List;

/**
 * What a loader found in one dataset. {@code rowsRead() == drafts().size() + rejects().size()}; drafts become
 * cases or image rejects in the image stage.
 */
public record LoadResult(
    String benchmark, String dataset, String datasetHash, List<CaseDraft> drafts, List<IngestReject> rejects) {
  public long rowsRead() {
    return (long) drafts.size() + rejects.size();
  }
}
