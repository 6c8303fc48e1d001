package dev.mmsafety.jobs.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import dev.mmsafety.udf.judge.classifier.WriterCrossValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench judges --cv --misses FILE}: every out-of-fold verdict that disagrees with its label, one JSON object
 * per line (head, row, label, calibrated probability, question and answer), so the errors of a head on writers it
 * never saw can be read, grouped and counted.
 */
final class OutOfFoldMisses {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutOfFoldMisses() {}

  /** Writes the misses of both heads to {@code file}; returns how many. */
  static int write(Path file, WriterCrossValidation.Result r) {
    int n = 0;
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      n += write(w, "refused", r.refused());
      n += write(w, "harmful", r.harmful());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return n;
  }

  private static int write(Writer w, String name, WriterCrossValidation.Head head) throws IOException {
    int n = 0;
    for (int i = 0; i < head.rows().size(); i++) {
      if (head.right(i)) {
        continue;
      }
      JudgeExample row = head.rows().get(i);
      ObjectNode node = JSON.createObjectNode();
      node.put("head", name);
      node.put("id", row.id());
      node.put("writer", row.writer());
      node.put("style", row.style());
      node.put("lang", row.lang());
      node.put("polarity", row.polarity());
      node.put("label", head.labels().get(i));
      node.put("p", Math.round(head.probabilities()[i] * 1000) / 1000.0);
      node.put("question", row.question());
      node.put("answer", row.answer());
      w.write(JSON.writeValueAsString(node));
      w.write('\n');
      n++;
    }
    return n;
  }
}
