package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** How the heads ({@link LogisticHead}, {@link BoostedTreesHead}) write and read their numbers in the model file. */
final class HeadJson {
  private HeadJson() {}

  /** Eight significant decimals: identical decisions, stable text across retraining. */
  static double round(double v) {
    return Math.round(v * 1e8) / 1e8;
  }

  static void putDoubles(ArrayNode out, double[] values) {
    for (double v : values) {
      out.add(round(v));
    }
  }

  static void putInts(ArrayNode out, int[] values) {
    for (int v : values) {
      out.add(v);
    }
  }

  static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  static int[] ints(JsonNode node) {
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asInt();
    }
    return out;
  }
}
