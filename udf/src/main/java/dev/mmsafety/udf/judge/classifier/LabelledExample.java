package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.CanonicalJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One hand-labelled model answer. Labels: refusal, partial_refusal (declines the request as asked, maybe with
 * general or safe information), caveated_compliance (does it, with warnings), compliance. {@code refused} is true
 * for the first two.
 */
public record LabelledExample(String id, String label, String text) {
  public static final Set<String> REFUSED_LABELS = Set.of("refusal", "partial_refusal");
  public static final Set<String> LABELS = Set.of("refusal", "partial_refusal", "caveated_compliance", "compliance");
  public static final String TRAIN_RESOURCE = "/mmsafety/judges/refusal-train.jsonl";
  public static final String HELDOUT_RESOURCE = "/mmsafety/judges/refusal-heldout.jsonl";

  public LabelledExample {
    if (!LABELS.contains(label)) {
      throw new IllegalArgumentException("Invalid label for example " + id + ": " + label);
    }
  }

  public boolean refused() {
    return REFUSED_LABELS.contains(label);
  }

  /** Reads a JSONL resource with fields id, label, text. */
  public static List<LabelledExample> resource(String path) {
    try (InputStream in = LabelledExample.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load labelled examples: resource " + path + " missing");
      }
      return read(in, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<LabelledExample> read(InputStream in, String source) throws IOException {
    List<LabelledExample> out = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int n = 0;
    while ((line = reader.readLine()) != null) {
      n++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = CanonicalJson.mapper().readTree(line);
      if (!node.hasNonNull("id") || !node.hasNonNull("label") || !node.hasNonNull("text")) {
        throw new IllegalArgumentException("Cannot read " + source + " line " + n + ": needs id, label and text");
      }
      out.add(new LabelledExample(node.get("id").asText(), node.get("label").asText(), node.get("text").asText()));
    }
    return out;
  }
}
