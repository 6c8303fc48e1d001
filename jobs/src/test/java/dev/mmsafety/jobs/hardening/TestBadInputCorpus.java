package dev.mmsafety.jobs.hardening;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 item 3: the checked-in bad-input corpus (src/test/resources/bad-input, see its README) goes through a
 * whole run. Every bad row is rejected with a reason, the good rows become cases and responses, the run
 * completes, counts reconcile, and the report shows the reject summary.
 */
class TestBadInputCorpus extends SparkTestBase {
  @TempDir Path out;

  @Test
  void everyBadRowIsRejectedWithAReasonAndTheRunCompletes() throws Exception {
    Path corpus = Path.of("src/test/resources/bad-input").toAbsolutePath();
    String yaml =
        """
        run: {output: "%s", run-date: "2026-03-01"}
        spark: {partitions: 2}
        datasets:
          - name: bad-jsonl
            benchmark: generic
            path: "%s"
            options: {file: cases.jsonl, fields: {id: id, text: text, image: image, category: category, polarity: polarity}}
          - name: bad-csv
            benchmark: generic
            path: "%s"
            options: {file: cases.csv, fields: {id: id, text: text, image: image, category: category, polarity: polarity}}
        models:
          - {name: sim, endpoints: [{name: sim-0, url: simulator}]}
        judges:
          - {name: advbench, type: refusal-strings, params: {list: advbench}}
        report: {response-text: hash}
        """
            .formatted(out, corpus, corpus);
    StringWriter printed = new StringWriter();
    EvaluationPipeline.Result result =
        new EvaluationPipeline("run", new PrintWriter(printed), Clock.systemUTC())
            .run(ConfigLoader.parse(yaml, "bad-input.yaml"), "bad-input.yaml");

    TableIO tables = new TableIO(spark(), out.toString(), result.runDate());
    List<Row> cases = tables.readRun(CasesTable.INSTANCE, result.runId()).collectAsList();
    List<Row> rejects =
        tables.readRun(RejectsTable.INSTANCE, result.runId()).where(col("stage").equalTo("ingest")).collectAsList();
    Map<String, String> reasonByRow = new TreeMap<>();
    for (Row r : rejects) {
      reasonByRow.put(
          r.getString(r.fieldIndex("dataset")) + ":" + r.getString(r.fieldIndex("source_row")),
          r.getString(r.fieldIndex("reason_code")) + " / " + r.getString(r.fieldIndex("reason")));
    }
    assertThat(cases)
        .extracting(r -> r.getString(r.fieldIndex("native_id")))
        .as("rejects: %s", reasonByRow)
        .containsExactlyInAnyOrder("ok-1", "ok-2", "ok-text", "wrong-extension", "csv-ok");
    // A PNG named .jpg is read as a browser reads it (by its bytes; the name's format is recorded on the case).
    // 18 JSONL lines (14 bad), 2 CSV rows (1 bad): each has its own reject row and reason. (The corpus's empty
    // dataset stops a run before anything is spent: TestDatasetErrors.)
    Map<String, String> expected = new TreeMap<>();
    expected.put("bad-jsonl:4", "image_corrupt"); // truncated PNG
    expected.put("bad-jsonl:5", "image_corrupt"); // JPEG header + garbage
    expected.put("bad-jsonl:6", "image_corrupt"); // zero bytes
    expected.put("bad-jsonl:7", "image_too_large"); // 50,000 x 50,000 declared
    expected.put("bad-jsonl:9", "image_not_an_image"); // text named .png
    expected.put("bad-jsonl:10", "image_missing");
    expected.put("bad-jsonl:11", "path_escapes_root");
    expected.put("bad-jsonl:12", "host_not_allowed");
    expected.put("bad-jsonl:13", "prompt_too_long"); // 1 MiB prompt
    expected.put("bad-jsonl:14", "unknown_category");
    expected.put("bad-jsonl:15", "duplicate_id");
    expected.put("bad-jsonl:16", "malformed_json");
    expected.put("bad-jsonl:17", "bad_value"); // polarity 42
    expected.put("bad-jsonl:18", "invalid_utf8");
    expected.put("bad-csv:2", "malformed_csv");
    Map<String, String> codes = new TreeMap<>();
    reasonByRow.forEach((row, reason) -> codes.put(row, reason.substring(0, reason.indexOf(" / "))));
    assertThat(codes).isEqualTo(expected);
    assertThat(rejects).allSatisfy(r -> assertThat(r.getString(r.fieldIndex("reason"))).isNotBlank());
    // Counts reconcile: read = written + rejected, and every case got exactly one response.
    assertThat(result.counts().get("ingest.rows_read")).isEqualTo(cases.size() + rejects.size());
    List<Row> responses = tables.readRun(ResponsesTable.INSTANCE, result.runId()).collectAsList();
    assertThat(responses).hasSize(cases.size());
    // report.response-text: hash keeps no raw answer in the wide table, only its hash; judges saw the text first.
    assertThat(responses).allSatisfy(r -> {
      assertThat(r.isNullAt(r.fieldIndex("text"))).isTrue();
      assertThat(r.getString(r.fieldIndex("text_sha256"))).hasSize(64);
    });
    assertThat(tables.readRun(dev.mmsafety.schemas.JudgmentsTable.INSTANCE, result.runId())
            .where(col("status").equalTo("ok")).count())
        .isEqualTo(cases.size());
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report).contains("duplicate_id").contains("malformed_json");
  }
}
