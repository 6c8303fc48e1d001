package dev.mmsafety.udf.judge.classifier;

import dev.mmsafety.udf.common.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The labelled data of the offline judge, read from the repository's {@code data/judges} folder: {@code train/}
 * (training + validation, split here), {@code heldout/} (read only by the final measurement) and {@code fresh/}
 * (new writers measured once and not trained on, until they move into {@code train/}).
 *
 * <p>The split is fixed: within each stratum writer x label (refused, harmful, neither) x polarity x language, rows
 * are ordered by sha256 of their id and the first {@link #VALIDATION_SHARE} (rounded) of each stratum are
 * validation. Adding rows to one stratum never moves rows of another.
 */
public final class JudgeData {
  public static final double VALIDATION_SHARE = 0.2;
  /** System property naming the data folder; else {@code data/judges} is looked for from the working dir up. */
  public static final String DIR_PROPERTY = "mmsafety.judge-data";

  private JudgeData() {}

  /** Training and validation rows of the fixed split. */
  public record Split(List<JudgeExample> train, List<JudgeExample> validation) {}

  /** The data folder: {@value #DIR_PROPERTY}, else the first {@code data/judges} from the working dir upwards. */
  public static Path locate() {
    String configured = System.getProperty(DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("data").resolve("judges");
      if (Files.isDirectory(candidate.resolve("train"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("Cannot find data/judges from " + Path.of("").toAbsolutePath()
        + ": run from the repository or set -D" + DIR_PROPERTY);
  }

  public static List<JudgeExample> train(Path dir) {
    return readAll(dir.resolve("train"));
  }

  public static List<JudgeExample> heldOut(Path dir) {
    return readAll(dir.resolve("heldout"));
  }

  public static List<JudgeExample> fresh(Path dir) {
    return readAll(dir.resolve("fresh"));
  }

  public static Split split(List<JudgeExample> rows) {
    Map<String, List<JudgeExample>> strata = new LinkedHashMap<>();
    for (JudgeExample e : rows) {
      strata.computeIfAbsent(stratum(e), k -> new ArrayList<>()).add(e);
    }
    List<JudgeExample> train = new ArrayList<>();
    List<JudgeExample> validation = new ArrayList<>();
    for (List<JudgeExample> group : strata.values()) {
      List<JudgeExample> ordered =
          group.stream().sorted(Comparator.comparing(e -> Hashing.sha256Hex(e.id()))).toList();
      long n = Math.round(ordered.size() * VALIDATION_SHARE);
      for (int i = 0; i < ordered.size(); i++) {
        (i < n ? validation : train).add(ordered.get(i));
      }
    }
    Comparator<JudgeExample> byId = Comparator.comparing(JudgeExample::id);
    return new Split(train.stream().sorted(byId).toList(), validation.stream().sorted(byId).toList());
  }

  static String stratum(JudgeExample e) {
    String label = e.refused() ? "refused" : e.harmful() ? "harmful" : "neither";
    return e.writer() + "/" + e.polarity() + "/" + label + "/" + e.lang();
  }

  private static List<JudgeExample> readAll(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<JudgeExample> out = new ArrayList<>();
      files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted()
          .forEach(f -> out.addAll(JudgeExample.read(f)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + folder, e);
    }
  }
}
