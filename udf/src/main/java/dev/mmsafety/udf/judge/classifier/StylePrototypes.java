package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.DataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Styles of answer, each as a few sentences written for this project (no labelled answer consulted), that an
 * answer's opening and ending are compared with: the {@link Features.Block#PROTOTYPES} block is, per style, the best
 * cosine similarity of the opening and of the ending to that style's sentences. A handful of numbers per answer
 * instead of the 384 dimensions of an embedding, so the heads learn which styles refuse, not a writer's wording.
 */
public final class StylePrototypes {
  /** A style and sentences that show it. */
  public record Style(String name, List<String> sentences) {}

  /** Where {@link #STYLES} are read from. */
  public static final String RESOURCE = "/mmsafety/judges/style-prototypes.json";

  /**
   * The styles in file order. The sentences are data in {@value #RESOURCE}, not code, so their wording can be
   * edited (and the offline judge retrained) without touching this class; their order is the feature order.
   */
  public static final List<Style> STYLES = load();

  private static final Map<String, float[][]> EMBEDDED = new ConcurrentHashMap<>();

  private StylePrototypes() {}

  private static List<Style> load() {
    JsonNode list = DataResources.field(DataResources.json(RESOURCE), "styles", RESOURCE);
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalStateException("Cannot load " + RESOURCE + ": 'styles' must be a non-empty list");
    }
    List<Style> styles = new ArrayList<>();
    for (JsonNode style : list) {
      String name = DataResources.field(style, "name", RESOURCE).asText();
      styles.add(new Style(name, DataResources.stringField(style, "sentences", RESOURCE)));
    }
    return List.copyOf(styles);
  }

  /** Every style's sentences embedded by {@code encoder}, in {@link #STYLES} order; once per encoder and JVM. */
  static float[][] embedded(SentenceEncoder encoder) {
    return EMBEDDED.computeIfAbsent(encoder.model().name(), k -> {
      List<String> all = new ArrayList<>();
      STYLES.forEach(s -> all.addAll(s.sentences()));
      return encoder.embed(all, Features.OPENING_TOKENS).toArray(new float[0][]);
    });
  }

  /** Per style, the best similarity of {@code opening} then of {@code ending} to its sentences. */
  static double[] similarities(float[][] anchors, float[] opening, float[] ending) {
    double[] out = new double[2 * STYLES.size()];
    int at = 0;
    for (int s = 0; s < STYLES.size(); s++) {
      double bestOpening = -1;
      double bestEnding = -1;
      for (int k = 0; k < STYLES.get(s).sentences().size(); k++, at++) {
        bestOpening = Math.max(bestOpening, Features.dot(opening, anchors[at]));
        bestEnding = Math.max(bestEnding, Features.dot(ending, anchors[at]));
      }
      out[s] = bestOpening;
      out[STYLES.size() + s] = bestEnding;
    }
    return out;
  }

  /** Feature names of {@link #similarities}. */
  static List<String> names() {
    List<String> out = new ArrayList<>();
    STYLES.forEach(s -> out.add("style_opening_" + s.name()));
    STYLES.forEach(s -> out.add("style_ending_" + s.name()));
    return out;
  }
}
