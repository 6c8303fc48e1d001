package dev.mmsafety.udf.ingest;

import java.io.IOException;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.ImageStore;

/**
 * What a loader gets: the dataset spec and its options, the root to read, where to put what it finds, the
 * taxonomy, and the content-addressed store for images that come as bytes inside the metadata (parquet, base64).
 */
public record LoadContext(
    DatasetSpec spec, LoaderOptions options, DatasetSource source, LoadSink sink, Taxonomy taxonomy, ImageStore store) {

  /** A draft builder with the dataset-wide fields filled in. */
  public CaseDraft.Builder draft() {
    return CaseDraft.builder()
        .benchmark(sink.benchmark())
        .dataset(sink.dataset())
        .keepTextIfImageMissing(options.keepTextIfImageMissing());
  }

  /**
   * A draft of one split and variant with its native id and category, polarity, and the canonical category the
   * taxonomy maps that category to for that polarity.
   */
  public CaseDraft.Builder draft(String split, String variant, String nativeId, String nativeCategory, String polarity) {
    return draft()
        .split(split)
        .variant(variant)
        .nativeId(nativeId)
        .nativeCategory(nativeCategory)
        .polarity(polarity)
        .canonicalCategory(canonical(nativeCategory, polarity));
  }

  /** The error for a dataset whose metadata is absent: "Cannot ingest &lt;dataset&gt;: no &lt;what&gt; under &lt;root&gt;". */
  public ConfigException missing(String what) {
    return new ConfigException("Cannot ingest " + spec.name() + ": no " + what + " under " + source.rootUri());
  }

  /** The text of {@code file} (relative to the dataset root); fails with {@link #missing} unless it is a file. */
  public String requiredText(String file) throws IOException {
    if (!source.isFile(file)) {
      throw missing(file);
    }
    return source.readText(file);
  }

  /** True when the taxonomy maps this category for this benchmark (or it is itself a canonical name). */
  public boolean knownCategory(String nativeCategory) {
    return taxonomy.canonicalCategories().contains(nativeCategory)
        || !Taxonomy.OTHER.equals(taxonomy.canonical(sink.benchmark(), nativeCategory, CaseDraft.HARMFUL));
  }

  public String canonical(String nativeCategory, String polarity) {
    return taxonomy.canonical(sink.benchmark(), nativeCategory, polarity);
  }
}
