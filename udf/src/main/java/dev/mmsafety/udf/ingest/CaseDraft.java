package dev.mmsafety.udf.ingest;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A case as a loader found it, before its image is read: everything of a {@code cases} row except the image
 * facts, plus where the image is ({@code imageUri}) and an estimate of the work it costs. Built on the driver from
 * metadata files, shipped to executors, where the image is validated and the row is built.
 *
 * @param imageUri Hadoop URI of the image; null for text-only cases
 * @param imageField native field that named the image (for rejects)
 * @param keepTextIfImageMissing when the image is missing, keep the case text-only instead of rejecting it
 * @param estimatedBytes image size known at planning time (0 when unknown), used to balance partitions
 */
public record CaseDraft(
    String benchmark,
    String dataset,
    String split,
    String variant,
    String nativeId,
    String nativeCategory,
    String canonicalCategory,
    String polarity,
    String promptText,
    String sourceText,
    String keyPhrase,
    String imageUri,
    String imageField,
    boolean keepTextIfImageMissing,
    String referenceAnswer,
    String safetyWarning,
    Map<String, String> options,
    String correctOption,
    String expectedLabel,
    String sourceFile,
    String sourceRow,
    Map<String, String> extra,
    long estimatedBytes)
    implements Serializable {

  public static final String HARMFUL = "harmful";
  public static final String BENIGN = "benign";

  public CaseDraft {
    options = options == null || options.isEmpty() ? null : new TreeMap<>(options);
    extra = extra == null ? new TreeMap<>() : new TreeMap<>(extra);
  }

  /** {@code benchmark:variant:native_id} (docs/design.md). */
  public String caseId() {
    return caseId(benchmark, variant, nativeId);
  }

  public static String caseId(String benchmark, String variant, String nativeId) {
    return benchmark + ":" + variant + ":" + nativeId;
  }

  public CaseDraft withEstimatedBytes(long bytes) {
    return new CaseDraft(
        benchmark, dataset, split, variant, nativeId, nativeCategory, canonicalCategory, polarity, promptText,
        sourceText, keyPhrase, imageUri, imageField, keepTextIfImageMissing, referenceAnswer, safetyWarning,
        options, correctOption, expectedLabel, sourceFile, sourceRow, extra, bytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder: most fields are optional and loaders set different subsets. */
  public static final class Builder {
    private String benchmark;
    private String dataset;
    private String split;
    private String variant;
    private String nativeId;
    private String nativeCategory;
    private String canonicalCategory;
    private String polarity = HARMFUL;
    private String promptText;
    private String sourceText;
    private String keyPhrase;
    private String imageUri;
    private String imageField;
    private boolean keepTextIfImageMissing;
    private String referenceAnswer;
    private String safetyWarning;
    private Map<String, String> options;
    private String correctOption;
    private String expectedLabel;
    private String sourceFile;
    private String sourceRow;
    private final Map<String, String> extra = new TreeMap<>();
    private long estimatedBytes;

    public Builder benchmark(String v) { benchmark = v; return this; }
    public Builder dataset(String v) { dataset = v; return this; }
    public Builder split(String v) { split = v; return this; }
    public Builder variant(String v) { variant = v; return this; }
    public Builder nativeId(String v) { nativeId = v; return this; }
    public Builder nativeCategory(String v) { nativeCategory = v; return this; }
    public Builder canonicalCategory(String v) { canonicalCategory = v; return this; }
    public Builder polarity(String v) { polarity = v; return this; }
    public Builder promptText(String v) { promptText = v; return this; }
    public Builder sourceText(String v) { sourceText = v; return this; }
    public Builder keyPhrase(String v) { keyPhrase = v; return this; }
    public Builder image(String uri, String field) { imageUri = uri; imageField = field; return this; }
    public Builder keepTextIfImageMissing(boolean v) { keepTextIfImageMissing = v; return this; }
    public Builder referenceAnswer(String v) { referenceAnswer = v; return this; }
    public Builder safetyWarning(String v) { safetyWarning = v; return this; }
    public Builder options(Map<String, String> v) { options = v; return this; }
    public Builder correctOption(String v) { correctOption = v; return this; }
    public Builder expectedLabel(String v) { expectedLabel = v; return this; }
    public Builder source(String file, String row) { sourceFile = file; sourceRow = row; return this; }
    /** Adds a native field to extra; null and empty values are left out. */
    public Builder extra(String key, String value) {
      if (value != null && !value.isEmpty()) {
        extra.put(key, value);
      }
      return this;
    }
    /** Adds every column of {@code row} except the {@code mapped} ones to extra (as {@link #extra}). */
    public Builder extraExcept(Map<String, String> row, Set<String> mapped) {
      row.forEach((k, x) -> {
        if (!mapped.contains(k)) {
          extra(k, x);
        }
      });
      return this;
    }
    public Builder estimatedBytes(long v) { estimatedBytes = v; return this; }

    public CaseDraft build() {
      return new CaseDraft(
          benchmark, dataset, split, variant, nativeId, nativeCategory, canonicalCategory, polarity, promptText,
          sourceText, keyPhrase, imageUri, imageField, keepTextIfImageMissing, referenceAnswer, safetyWarning,
          options, correctOption, expectedLabel, sourceFile, sourceRow, extra, estimatedBytes);
    }
  }
}
