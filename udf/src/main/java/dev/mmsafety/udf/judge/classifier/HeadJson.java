package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmsafety.udf.common.CanonicalJson;

/** How the heads ({@link LogisticHead}, {@link BoostedTreesHead}) write and read their numbers in the model file. */
final class HeadJson {
  private HeadJson() {}

  /** Eight significant decimals: identical decisions, stable text across retraining. */
  static double round(double v) {
    return Math.round(v * 1e8) / 1e8;
  }

  /** A head's object, opened as every head in the file is: its learner, then its L2. */
  static ObjectNode open(Learner learner, double l2) {
    ObjectNode node = CanonicalJson.mapper().createObjectNode();
    node.put("learner", learner.key());
    node.put("l2", l2);
    return node;
  }

  /** The Platt step that calibrates the head's logit. */
  static void putPlatt(ObjectNode node, double a, double b) {
    node.put("platt_a", round(a));
    node.put("platt_b", round(b));
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
