package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.JudgmentFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.jobs.report.SampleReader;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.report.ReportData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
  void writesAReportFromTheTablesWithBaselineTrendRejectsAndCoveredSamples() throws Exception {
    RunContext before = context("night-1", "2026-01-14", "");
    List<Row> old = new JudgmentFixtures("night-1", before.runDate()).grid(3L, 4, 0.1).rows();
    EvalJobs.get(before).computeMetrics().input(TestComputeMetricsJob.writeAndRead(before, old)).execute();
    recordRun(before);

    RunContext now = context("night-2", "2026-01-15", "");
    List<Row> judgments = new JudgmentFixtures("night-2", now.runDate()).grid(5L, 4, 0.6).rows();
    long responses = writeResponses(now, judgments);
    writeProbes(now, judgments);
    writeRejects(now);
    ComputeMetricsJob.Result metrics =
        EvalJobs.get(now).computeMetrics().input(TestComputeMetricsJob.writeAndRead(now, judgments)).execute();
    WriteReportJob.Result result = EvalJobs.get(now).writeReport().execute();

    Path report = out.resolve("report.html");
    assertThat(result.reportPath()).isEqualTo(out + "/report.html");
    String html = Files.readString(report, StandardCharsets.UTF_8);
    String markup = html.substring(0, html.indexOf("<script type='application/json'"));
    assertThat(html).contains("SIMULATED MODEL: sim-model was the built-in simulator");
    assertThat(html).contains("Baseline run <code>night-1</code> (2026-01-14)");
    assertThat(metrics.anyFlagged()).isTrue(); // ASR went from ~10% to ~60%
    assertThat(html).contains("REGRESSION");
    assertThat(html).contains("<polyline"); // two run dates: a trend line
    assertThat(html).contains("image_missing").contains("text_too_long").contains("made-up reason image_missing");
    assertThat(html).contains("shield").contains("mcnemar");
    assertThat(html).contains("cat-0").contains("typo");
    assertThat(html).contains("<td>strings</td>").contains("Cohen");
    // Headline per model x judge x attack, per dataset and pooled; never one figure over all attacks.
    assertThat(html).contains("<h3>sim-model \u00b7 judge llm <span class='sim-badge'>SIMULATED</span></h3>")
        .contains("<th>figstep-ds</th><th>mm-safetybench-ds</th><th>pooled over the row&#39;s datasets</th>");
    // Harmful answers are in the data block, covered; never in the markup.
    assertThat(markup).doesNotContain(HARMFUL_ANSWER);
    JsonNode samples = samples(html);
    assertThat(samples.size()).isEqualTo((int) responses); // 192 responses: every stratum is under K = 20
    assertThat(result.counts().get("samples")).isEqualTo(responses);
    for (JsonNode s : samples) {
      boolean harmful = "harmful".equals(s.path("polarity").asText());
      assertThat(s.path("covered").asBoolean()).as(s.toString()).isEqualTo(harmful || "unsafe".equals(
          s.path("outcome").asText()));
      assertThat(s.path("verdicts").size()).isEqualTo(2);
      assertThat(s.path("variant").asText()).isEqualTo("v"); // from the case id: no cases table here
    }
  }

  @Test
  void samplesAreStratifiedWithinTheCapAndLinkImagesUnderTheOutputRoot() throws Exception {
    RunContext now = context("night-s", "2026-01-15", "");
    List<Row> judgments = new JudgmentFixtures("night-s", now.runDate()).grid(7L, 4, 0.5).rows();
    writeResponses(now, judgments);
    writeProbes(now, judgments);
    TestComputeMetricsJob.writeAndRead(now, judgments);
    ReportData.SampleSet set = new SampleReader(now, 3, 40).read();
    assertThat(set.responses()).isEqualTo(192);
    assertThat(set.samples()).hasSizeLessThanOrEqualTo(40).isNotEmpty();
    Map<List<Object>, Long> perStratum = set.samples().stream().collect(Collectors.groupingBy(
        s -> List.of(s.model(), s.benchmark(), s.attack(), s.defense(), s.outcome(), s.disagreement()),
        Collectors.counting()));
    assertThat(perStratum.values()).allMatch(n -> n <= set.perCell());
    assertThat(set.perCell()).isBetween(1, 3);
    // Deterministic: the same tables give the same sample.
    assertThat(new SampleReader(now, 3, 40).read().samples()).extracting(ReportData.Sample::responseId)
        .isEqualTo(set.samples().stream().map(ReportData.Sample::responseId).toList());
    ReportData.Sample typo = set.samples().stream().filter(s -> s.attack().equals("typo")).findFirst().orElseThrow();
    assertThat(typo.prompt()).startsWith("Prompt of ");
    assertThat(typo.images()).containsExactly(new ReportData.Image("images/sha256/ab/" + typo.caseId().hashCode()
        + ".png", true), new ReportData.Image("file:/elsewhere/source.png", false));
    assertThat(set.samples()).allMatch(s -> s.variant().equals("v"));
  }

  @Test
  void aRunWithoutResponsesGetsAPageSayingSo() throws Exception {
    RunContext now = context("night-e", "2026-01-15", "");
    writeRejects(now);
    WriteReportJob.Result result = EvalJobs.get(now).writeReport().execute();
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("id='no-responses'").contains("run night-e has no model responses")
        .contains("0 cases were ingested and 3 input items rejected").contains("No responses to browse.")
        .contains("<td>d</td><td>figstep</td><td>(no cases)</td>");
    assertThat(result.counts().get("samples")).isZero();
  }

  @Test
  void showsHarmfulTextOnlyWhenRedactionIsOff() throws Exception {
    RunContext now = context("night-x", "2026-01-15", "report: {redact-samples: false}\n");
    List<Row> judgments = new JudgmentFixtures("night-x", now.runDate()).grid(9L, 4, 0.6).rows();
    writeResponses(now, judgments);
    EvalJobs.get(now).computeMetrics().input(TestComputeMetricsJob.writeAndRead(now, judgments)).execute();
    EvalJobs.get(now).writeReport().execute();
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(html).contains("Redaction is OFF").contains("id='no-baseline'").contains("No input was rejected.");
    JsonNode samples = samples(html);
    assertThat(samples).isNotEmpty().allMatch(s -> !s.path("covered").asBoolean());
    assertThat(samples.findValuesAsText("text")).anyMatch(t -> t.startsWith(HARMFUL_ANSWER))
        .contains("A benign made-up answer <b>with markup</b>");
  }

  private static JsonNode samples(String html) throws Exception {
    String open = "<script type='application/json' id='sample-data'>";
    int start = html.indexOf(open) + open.length();
    return CanonicalJson.mapper().readTree(html.substring(start, html.indexOf("</script>", start))).get("samples");
  }

  /** Probes for the judged rows: typo probes carry an image under the output root and one outside it. */
  private void writeProbes(RunContext context, List<Row> judgments) {
    Map<String, Row> byProbe = new java.util.LinkedHashMap<>();
    judgments.forEach(j -> byProbe.putIfAbsent(SharedColumns.PROBE_ID.getString(j), j));
    List<Row> probes = byProbe.values().stream()
        .map(j -> {
          boolean typo = "typo".equals(SharedColumns.ATTACK.get(j));
          String caseId = SharedColumns.CASE_ID.getString(j);
          return ProbesTable.INSTANCE.newRow()
              .copyFrom(j)
              .set(ProbesTable.ATTACK_VERSION, "1")
              .set(ProbesTable.ATTACK_PARAMS, "{}")
              .set(ProbesTable.ATTACK_SEED, 1L)
              .set(ProbesTable.PROMPT_TEXT, "Prompt of " + caseId)
              .set(ProbesTable.IMAGE_URIS, typo
                  ? List.of("file:" + out + "/images/sha256/ab/" + caseId.hashCode() + ".png",
                      "file:/elsewhere/source.png")
                  : List.of())
              .set(ProbesTable.IMAGE_SHA256S, typo ? List.of("a", "b") : List.of())
              .set(ProbesTable.DATASET_HASH, "dh")
              .build();
        })
        .toList();
    context.tables().write(spark().createDataFrame(probes, ProbesTable.INSTANCE.schema()), ProbesTable.INSTANCE);
  }

  private long writeResponses(RunContext context, List<Row> judgments) {
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
    return responses.size();
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
        .set(RejectsTable.SOURCE_FILE, "data/" + code + ".csv")
        .set(RejectsTable.SOURCE_ROW, "7")
        .set(RejectsTable.FIELD, "image")
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
