package dev.mmsafety.udf.ingest;

import java.util.List;

/**
 * What a benchmark variant shows the model, which decides the attacks that make sense on it by default:
 * {@code text} (no image: the instruction in words), {@code image} (a plain picture, no text drawn in it) and
 * {@code typographic} (an image that already carries the instruction or a key phrase as text, e.g.
 * MM-SafetyBench SD_TYPO and TYPO, FigStep's own images). Loaders declare the kind of each variant they emit
 * ({@link LoaderType#variants()}); a variant a loader does not declare is {@code image} when its case has an
 * image, else {@code text}.
 */
public final class VariantKinds {
  public static final String TEXT = "text";
  public static final String IMAGE = "image";
  public static final String TYPOGRAPHIC = "typographic";
  public static final List<String> ALL = List.of(TEXT, IMAGE, TYPOGRAPHIC);
  /** Variants with an image of either kind. */
  public static final List<String> WITH_IMAGE = List.of(IMAGE, TYPOGRAPHIC);

  private VariantKinds() {}
}
