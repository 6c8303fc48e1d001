package dev.mmsafety.jobs.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset that gives no case stops {@code run} at ingest with a one-line error (a field-mapping typo used to give
 * 0 cases and a Spark stack trace later): no probe is made and no model called.
 */
class TestDatasetErrors extends SparkTestBase {
  private static final Path CORPUS = Path.of("src/test/resources/bad-input").toAbsolutePath();

  private static EvaluationPipeline.Result run(Path out, String dataset) {
    String yaml =
        """
        run: {output: "%s", run-date: "2026-03-02"}
        spark: {partitions: 2}
        datasets:
          - {name: ok, benchmark: generic, path: "%s", options: {file: cases.csv}}
          - %s
        models:
          - {name: sim, endpoints: [{name: sim-0, url: simulator}]}
        judges:
          - {name: advbench, type: refusal-strings, params: {list: advbench}}
        """
            .formatted(out, CORPUS, dataset);
    return new EvaluationPipeline("run", new PrintWriter(new StringWriter()), Clock.systemUTC())
        .run(ConfigLoader.parse(yaml, "t.yaml"), "t.yaml");
  }

  @Test
  void aFieldMappingTypoStopsTheRunAtIngest(@TempDir Path out) {
    assertThatThrownBy(() -> run(out, "{name: typo, benchmark: generic, path: \"" + CORPUS
            + "\", options: {file: cases.csv, fields: {text: question}}}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot ingest typo: fields.text names column 'question', which cases.csv lacks (columns found:"
            + " id, text, category, polarity, image)");
    assertThat(out.resolve("cases")).doesNotExist();
    assertThat(out.resolve("probes")).doesNotExist();
  }

  @Test
  void anEmptyDatasetStopsTheRunAtIngest(@TempDir Path out) {
    assertThatThrownBy(() -> run(out, "{name: empty, benchmark: generic, path: \"" + CORPUS + "/empty\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot ingest empty: 0 cases from 0 row(s) read; no columns found");
    assertThat(out.resolve("responses")).doesNotExist();
  }
}
