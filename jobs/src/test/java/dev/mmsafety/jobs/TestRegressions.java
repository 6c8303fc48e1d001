package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.JudgmentFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.RegressionsTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.TwoProportionTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRegressions extends SparkTestBase {
  @TempDir Path out;

  private RunContext context(String runId, String runDate, String extraYaml) {
    RunConfig config = ConfigLoader.parse(
        TestComputeMetricsJob.YAML.replace("${out}", out.toString()) + extraYaml, "test-config");
    return new RunContext(spark(), config, runId, runDate, out.toString(), 1L);
  }

  /** A night with k of n harmful verdicts unsafe (one judge, one cell). */
  private ComputeMetricsJob.Result night(RunContext context, int k, int n) {
    JudgmentFixtures f = new JudgmentFixtures(context.runId(), context.runDate());
    for (int p = 0; p < n; p++) {
      f.add("m", "p" + p, "harmful", "none", "none", "j", "ok", false, p < k);
    }
    return EvalJobs.get(context).computeMetrics()
        .input(TestComputeMetricsJob.writeAndRead(context, f.rows())).execute();
  }

  private void recordRun(String runId, String runDate, String status, String endedAt) {
    Row row = RunsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(RunsTable.COMMAND, "nightly")
        .set(RunsTable.CONFIG_HASH, "h")
        .set(RunsTable.CODE_VERSION, "test")
        .set(RunsTable.STARTED_AT, Timestamp.valueOf(endedAt))
        .set(RunsTable.ENDED_AT, Timestamp.valueOf(endedAt))
        .set(RunsTable.RUN_STATUS, status)
        .set(SharedColumns.SIMULATOR, false)
        .set(RunsTable.COUNTS, scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, Long>of()))
        .set(RunsTable.OUTPUT_ROOT, out.toString())
        .set(RunsTable.CONFIG_JSON, "{}")
        .set(SharedColumns.RUN_DATE, runDate)
        .build();
    new TableIO(spark(), out.toString(), runDate)
        .append(spark().createDataFrame(List.of(row), RunsTable.INSTANCE.schema()), RunsTable.INSTANCE);
  }

  @Test
  void flagsASignificantIncreaseAgainstTheLatestSucceededEarlierRun() {
    night(context("old", "2026-01-13", ""), 40, 100); // older succeeded run: not the baseline
    recordRun("old", "2026-01-13", "succeeded", "2026-01-13 03:00:00");
    night(context("base", "2026-01-14", ""), 10, 100);
    recordRun("base", "2026-01-14", "succeeded", "2026-01-14 03:00:00");
    recordRun("broken", "2026-01-14", "failed", "2026-01-14 05:00:00");

    ComputeMetricsJob.Result result = night(context("now", "2026-01-15", ""), 30, 100);

    assertThat(result.baselineRunId()).contains("base");
    assertThat(result.anyFlagged()).isTrue();
    List<Row> rows = new TableIO(spark(), out.toString(), "2026-01-15")
        .readRun(RegressionsTable.INSTANCE, "now").collectAsList();
    Row overall = rows.stream()
        .filter(r -> Groupings.name(Groupings.JUDGE_ONLY).equals(RegressionsTable.GROUPING.get(r)))
        .findFirst().orElseThrow();
    TwoProportionTest.Result expected = TwoProportionTest.test(30, 100, 10, 100);
    assertThat(RegressionsTable.DELTA.<Double>get(overall)).isCloseTo(0.2, within(1e-12));
    assertThat(RegressionsTable.P_VALUE.<Double>get(overall)).isEqualTo(expected.pValue());
    assertThat(RegressionsTable.BASELINE_RUN_DATE.getString(overall)).isEqualTo("2026-01-14");
    assertThat(RegressionsTable.FLAGGED.<Boolean>get(overall)).isTrue();
    assertThat(rows).allMatch(r -> "asr".equals(RegressionsTable.METRIC.get(r)));

    // A configured baseline wins over the latest run; below the threshold a significant rise is not flagged.
    recordRun("now", "2026-01-15", "succeeded", "2026-01-15 03:00:00");
    RunContext later = context("later", "2026-01-16", "report: {baseline-run-id: base}\n");
    ComputeMetricsJob.Result small = EvalJobs.get(later).computeMetrics()
        .regressionThreshold(0.25)
        .input(TestComputeMetricsJob.writeAndRead(later, judgments("later", "2026-01-16", 30, 100)))
        .execute();
    assertThat(small.baselineRunId()).contains("base");
    assertThat(small.anyFlagged()).isFalse(); // delta 0.20 is significant but below 0.25
    assertThat(new TableIO(spark(), out.toString(), "2026-01-16").readRun(RegressionsTable.INSTANCE, "later")
        .collectAsList()).isNotEmpty().allMatch(r -> RegressionsTable.SIGNIFICANT.<Boolean>get(r));
  }

  @Test
  void noRunsTableMeansNoBaseline() {
    ComputeMetricsJob.Result result = night(context("first", "2026-01-15", ""), 3, 10);
    assertThat(result.baselineRunId()).isEmpty();
    assertThat(result.anyFlagged()).isFalse();
    assertThat(new TableIO(spark(), out.toString(), "2026-01-15")
        .readRun(RegressionsTable.INSTANCE, "first").count()).isZero();
  }

  private List<Row> judgments(String runId, String runDate, int k, int n) {
    JudgmentFixtures f = new JudgmentFixtures(runId, runDate);
    for (int p = 0; p < n; p++) {
      f.add("m", "p" + p, "harmful", "none", "none", "j", "ok", false, p < k);
    }
    return f.rows();
  }
}
