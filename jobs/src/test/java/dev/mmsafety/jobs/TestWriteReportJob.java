package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.JudgmentFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWriteReportJob extends SparkTestBase {
  static final String HARMFUL_ANSWER = "Made-up harmful answer number";

  @TempDir Path out;

  private RunContext context(String runId, String runDate, String extraYaml) {
    RunConfig config = ConfigLoader.parse(
        TestComputeMetricsJob.YAML.replace("${out}", out.toString()) + extraYaml, "test-config");
    return new RunContext(spark(), config, runId, runDate, out.toString(), 1L);
  }

  @Test
  void writesAReportFromTheTablesWithBaselineTrendRejectsAndRedactedSamples() throws Exception {
    RunContext before = context("night-1", "2026-01-14", "");
    List<Row> old = new JudgmentFixtures("night-1", before.runDate()).grid(3L, 4, 0.1).rows();
    EvalJobs.get(before).computeMetrics().input(TestComputeMetricsJob.writeAndRead(before, old)).execute();
    recordRun(before);

    RunContext now = context("night-2", "2026-01-15", "");
    List<Row> judgments = new JudgmentFixtures("night-2", now.runDate()).grid(5L, 4, 0.6).rows();
    writeResponses(now, judgments);
    writeRejects(now);
    ComputeMetricsJob.Result metrics =
        EvalJobs.get(now).computeMetrics().input(TestComputeMetricsJob.writeAndRead(now, judgments)).execute();
    WriteReportJob.Result result = EvalJobs.get(now).writeReport().execute();

    Path report = out.resolve("report.html");
    assertThat(result.reportPath()).isEqualTo(out + "/report.html");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    assertThat(html).contains("SIMULATED MODEL: sim-model was the built-in simulator");
    assertThat(html).contains("Baseline run <code>night-1</code> (2026-01-14)");
    assertThat(metrics.anyFlagged()).isTrue(); // ASR went from ~10% to ~60%
    assertThat(html).contains("REGRESSION");
    assertThat(html).contains("<polyline"); // two run dates: a trend line
    assertThat(html).contains("image_missing").contains("text_too_long");
    assertThat(html).contains("shield").contains("mcnemar");
    assertThat(html).contains("cat-0").contains("typo");
    assertThat(html).contains("<td>strings</td>").contains("Cohen");
    assertThat(html).doesNotContain(HARMFUL_ANSWER).contains("[REDACTED: ");
    assertThat(html).contains(", benign; verdicts: ");
    assertThat(result.counts().get("samples")).isEqualTo(8L); // 2 models x 2 polarities x 2
  }

  @Test
  void showsHarmfulTextOnlyWhenRedactionIsOff() throws Exception {
    RunContext now = context("night-x", "2026-01-15", "report: {redact-samples: false}\n");
    List<Row> judgments = new JudgmentFixtures("night-x", now.runDate()).grid(9L, 4, 0.6).rows();
    writeResponses(now, judgments);
    EvalJobs.get(now).computeMetrics().input(TestComputeMetricsJob.writeAndRead(now, judgments)).execute();
    EvalJobs.get(now).writeReport().execute();
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains(HARMFUL_ANSWER).contains("&lt;b&gt;with markup&lt;/b&gt;").contains("Redaction is OFF").contains("id='no-baseline'");
    assertThat(html).contains("No input was rejected.");
  }

  private void writeResponses(RunContext context, List<Row> judgments) {
    List<Row> responses = judgments.stream()
        .filter(j -> "llm".equals(SharedColumns.JUDGE.get(j)))
        .map(j -> ResponsesTable.INSTANCE.newRow()
            .copyFrom(j)
            .set(SharedColumns.STATUS, "ok")
            .set(SharedColumns.ERROR, null)
            .set(ResponsesTable.DEFENSE_VERSION, "1")
            .set(ResponsesTable.DEFENSE_PARAMS, "{}")
            .set(ResponsesTable.MODEL_ID, SharedColumns.MODEL.get(j))
            .set(ResponsesTable.GEN_PARAMS, "{}")
            .set(ResponsesTable.REQUEST_ID, "req-" + SharedColumns.RESPONSE_ID.getString(j))
            .set(ResponsesTable.TEXT, "harmful".equals(SharedColumns.POLARITY.get(j))
                ? HARMFUL_ANSWER + " " + SharedColumns.PROBE_ID.getString(j)
                : "A benign made-up answer <b>with markup</b>")
            .set(ResponsesTable.TEXT_SHA256, "0123456789abcdef0123456789abcdef")
            .set(ResponsesTable.ATTEMPTS, 1)
            .set(ResponsesTable.CACHE_HIT, false)
            .set(ResponsesTable.SOURCE, "generated")
            .build())
        .toList();
    context.tables().write(spark().createDataFrame(responses, ResponsesTable.INSTANCE.schema()),
        ResponsesTable.INSTANCE);
  }

  private void writeRejects(RunContext context) {
    List<Row> rows = List.of(reject(context, "image_missing"), reject(context, "image_missing"),
        reject(context, "text_too_long"));
    context.tables().writePartition(spark().createDataFrame(rows, RejectsTable.INSTANCE.schema()),
        RejectsTable.INSTANCE, RejectsTable.STAGE, "ingest");
  }

  private static Row reject(RunContext context, String code) {
    return RejectsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, context.runId())
        .set(SharedColumns.DATASET, "d")
        .set(RejectsTable.REASON_CODE, code)
        .set(RejectsTable.REASON, "made-up reason " + code)
        .set(SharedColumns.RUN_DATE, context.runDate())
        .set(RejectsTable.STAGE, "ingest")
        .build();
  }

  private void recordRun(RunContext context) {
    Row row = RunsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, context.runId())
        .set(RunsTable.COMMAND, "nightly")
        .set(RunsTable.CONFIG_HASH, "h")
        .set(RunsTable.CODE_VERSION, "test")
        .set(RunsTable.STARTED_AT, Timestamp.valueOf(context.runDate() + " 01:00:00"))
        .set(RunsTable.RUN_STATUS, "succeeded")
        .set(SharedColumns.SIMULATOR, true)
        .set(RunsTable.COUNTS, scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, Long>of()))
        .set(RunsTable.OUTPUT_ROOT, out.toString())
        .set(RunsTable.CONFIG_JSON, "{}")
        .set(SharedColumns.RUN_DATE, context.runDate())
        .build();
    new TableIO(spark(), out.toString(), context.runDate())
        .append(spark().createDataFrame(List.of(row), RunsTable.INSTANCE.schema()), RunsTable.INSTANCE);
  }
}
