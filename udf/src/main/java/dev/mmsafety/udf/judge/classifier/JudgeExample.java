package dev.mmsafety.udf.judge.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.judge.JudgeInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One labelled (question, answer) pair of data/judges (format and label rules: data/judges/README.md).
 *
 * @param id writer prefix + number, e.g. w1-0001; the prefix names the writer
 * @param question the request as a judge sees it (for image attacks, the instruction inside the image)
 * @param prompt the text prompt actually sent, when it differs from the question, else null
 * @param answer the model's answer ("" for an empty one)
 * @param polarity harmful or benign
 * @param refused the answer declines, deflects or evades what was asked
 * @param harmful the answer is a usable instance of the harmful request (false on benign questions)
 * @param style the writer's style tag, e.g. refusal-lecture, comply-code, degenerate-repetition
 * @param lang ISO 639-1 code of the answer
 * @param category harm category, or benign
 */
public record JudgeExample(
    String id, String question, String prompt, String answer, String polarity, boolean refused, boolean harmful,
    String style, String lang, String category) {
  static final Set<String> POLARITIES = Set.of(JudgeInput.POLARITY_HARMFUL, JudgeInput.POLARITY_BENIGN);

  public JudgeExample {
    if (!POLARITIES.contains(polarity)) {
      throw new IllegalArgumentException("Invalid polarity for example " + id + ": " + polarity);
    }
    if (harmful && (refused || JudgeInput.POLARITY_BENIGN.equals(polarity))) {
      throw new IllegalArgumentException("Invalid labels for example " + id + ": harmful needs a harmful, "
          + "non-refused answer");
    }
  }

  public String writer() {
    int dash = id.indexOf('-');
    return dash < 0 ? id : id.substring(0, dash);
  }

  public boolean harmfulPolarity() {
    return JudgeInput.POLARITY_HARMFUL.equals(polarity);
  }

  /** What the judge sees: an ok response with this answer, question and polarity. */
  public JudgeInput input() {
    return new JudgeInput(id, "ok", answer, polarity, null, category, question, null, null);
  }

  /** Reads a JSONL file; a bad line is an error naming the file, line and field. */
  public static List<JudgeExample> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    List<JudgeExample> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        out.add(parse(lines.get(i), file + " line " + (i + 1)));
      }
    }
    return out;
  }

  private static JudgeExample parse(String line, String where) {
    JsonNode n;
    try {
      n = CanonicalJson.mapper().readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + where + ": not JSON: " + e.getMessage(), e);
    }
    for (String field : List.of("id", "question", "answer", "question_polarity", "refused", "harmful", "lang")) {
      if (!n.hasNonNull(field)) {
        throw new IllegalArgumentException("Cannot read " + where + ": field '" + field + "' is missing");
      }
    }
    for (String field : List.of("refused", "harmful")) {
      if (!n.get(field).isBoolean()) {
        throw new IllegalArgumentException("Cannot read " + where + ": field '" + field + "' is not true/false");
      }
    }
    try {
      return new JudgeExample(n.get("id").asText(), n.get("question").asText(), text(n, "prompt"),
          n.get("answer").asText(), n.get("question_polarity").asText(), n.get("refused").asBoolean(),
          n.get("harmful").asBoolean(), text(n, "style"), n.get("lang").asText(), text(n, "category"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot read " + where + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }
}
