package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.cli.commands.NightlyCommand;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 item 4 and issue #16 items 1 and 3, over three nights of the sample suite: a second night reads no
 * benchmark whose content hash is unchanged and, under cache-scope revision with an unchanged revision, reuses
 * every answer, naming the run it came from; a third night under the default scope calls the (changed) simulated
 * model again, is cut by a budget cap (partial), and the regression is flagged (exit 3); re-running that night
 * replaces only that night and pays only for the rows the cap left out.
 */
class TestNightlyReuse extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void nightsReuseWithinTheirScopeAndAChangedModelIsFlagged() throws Exception {
    Path samples = Samples.extractTo(dir.resolve("samples"));
    String quickstart = Files.readString(samples);
    // The quickstart's model and datasets, with one defense pair and the keyword judge: what this test is about
    // (cache scope, partial runs, a flagged regression) does not need guard calls or the offline classifier.
    String base = quickstart.substring(0, quickstart.indexOf("helpers:"))
        .replace("${out}", dir.resolve("out").toString())
        .replace("  - name: sim-mllm\n", "  - name: sim-mllm\n    revision: sim-v1\n")
        + "defenses: [{name: none}, {name: shield}]\n"
        + "judges: [{name: advbench, type: refusal-strings, params: {list: advbench}}]\n";
    String refusing = base + "simulator: {compliance-shift: -0.5}\ninference: {cache-scope: revision}\n";
    EvaluationPipeline.Result first = run(refusing, "2026-05-01");
    assertThat(first.counts()).doesNotContainKey("ingest.reused_datasets");
    long rows = first.counts().get("infer.responses");
    // some probes ask the very same thing: those are answered once (cache hits within the night)
    assertThat(first.counts().get("infer.calls") + first.counts().get("infer.cache_hits")).isEqualTo(rows);

    EvaluationPipeline.Result second = run(refusing, "2026-05-02");
    assertThat(second.counts()).containsEntry("ingest.reused_datasets", 3L);
    assertThat(second.summaryLines()).anyMatch(l -> l.contains("carried over unread"));
    TableIO day1 = new TableIO(spark(), dir.resolve("out").toString(), "2026-05-01");
    TableIO day2 = new TableIO(spark(), dir.resolve("out").toString(), "2026-05-02");
    long cases1 = day1.readRun(CasesTable.INSTANCE, first.runId()).count();
    assertThat(day2.readRun(CasesTable.INSTANCE, second.runId()).count()).isEqualTo(cases1);
    assertThat(second.counts().get("infer.calls")).as("same revision: answers come from night 1").isZero();
    assertThat(day2.readRun(ResponsesTable.INSTANCE, second.runId()).collectAsList()).allSatisfy(r -> {
      assertThat(ResponsesTable.REUSED_FROM_RUN_ID.getString(r)).isEqualTo(first.runId());
      assertThat(ResponsesTable.REVISION.getString(r)).isEqualTo("sim-v1");
    });
    assertThat(RunsTable.REUSED_FROM.<String, Long>getMap(runRow(day2, second.runId())))
        .containsExactly(Map.entry(first.runId(), rows));
    assertThat(Files.readString(dir.resolve("out/report.html")))
        .contains(rows + " answers were reused from the response cache", first.runId());

    // Night 3: the simulated model now complies far more often, same model spec and revision. The default
    // cache scope measures it again; a cap leaves some rows unrun; the regression is flagged.
    long cap = rows * 3 / 4;
    String complying = base + "simulator: {compliance-shift: 0.6}\ninference: {max-requests: " + cap + "}\n";
    Path night3 = dir.resolve("night3.yaml");
    Files.writeString(night3, complying);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = new picocli.CommandLine(new NightlyCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("--config", night3.toString(), "--run-date", "2026-05-03", "--fail-on-regression");
    assertThat(exit).as(err.toString()).isEqualTo(NightlyCommand.EXIT_REGRESSION);
    assertThat(out.toString()).contains("(run_date=2026-05-03) partial: a budget cap left rows unrun",
        "[infer] budget cap reached: " + (rows - cap) + " rows not run");
    TableIO day3 = new TableIO(spark(), dir.resolve("out").toString(), "2026-05-03");
    Row partial = day3.read(RunsTable.INSTANCE).where("run_date = '2026-05-03'").first();
    assertThat(RunsTable.RUN_STATUS.getString(partial)).isEqualTo("partial");
    assertThat(RunsTable.BUDGET_CAPS.getString(partial)).isEqualTo("inference.max-requests=" + cap);
    Map<String, Long> notRun = RunsTable.NOT_RUN.getMap(partial);
    assertThat(notRun.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(rows - cap);
    assertThat(List.of("figstep", "mm-safetybench", "mossbench")).containsAll(notRun.keySet());
    assertThat(RunsTable.REUSED_FROM.<String, Long>getMap(partial)).isEmpty();
    String report = Files.readString(dir.resolve("out/report.html"));
    assertThat(report).contains("PARTIAL RUN: stopped by inference.max-requests=" + cap,
        "No answer was reused from an earlier run");
    // rows not run are not errors anywhere: metrics count them apart
    Row counted = day3.readRun(MetricsTable.INSTANCE, SharedColumns.RUN_ID.getString(partial))
        .where("metric = 'asr'").agg(functions.sum("n_error"), functions.sum("n_not_run")).first();
    assertThat(counted.getLong(0)).isZero();
    assertThat(counted.getLong(1)).isPositive();

    // Re-running night 3 without the cap replaces night 3 only and calls only what the cap left out.
    EvaluationPipeline.Result again = run(base + "simulator: {compliance-shift: 0.6}\n", "2026-05-03");
    assertThat(again.status()).isEqualTo(EvaluationPipeline.SUCCEEDED);
    assertThat(again.counts().get("infer.calls")).isPositive().isLessThanOrEqualTo(rows - cap);
    assertThat(again.counts().get("infer.cache_hits")).isGreaterThanOrEqualTo(cap)
        .isEqualTo(rows - again.counts().get("infer.calls"));
    assertThat(day1.readRun(CasesTable.INSTANCE, first.runId()).count()).isEqualTo(cases1);
    assertThat(day3.read(CasesTable.INSTANCE).where("run_date = '2026-05-03'").select("run_id").distinct()
            .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly(again.runId());
    assertThat(day1.read(RunsTable.INSTANCE).count()).isEqualTo(4);
  }

  private static Row runRow(TableIO io, String runId) {
    List<Row> rows = io.read(RunsTable.INSTANCE).where(SharedColumns.RUN_ID.name() + " = '" + runId + "'")
        .collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private EvaluationPipeline.Result run(String yaml, String date) {
    RunConfig config = ConfigLoader.parse(yaml, "nightly.yaml");
    RunConfig dated = config.withRun(config.run().withRunDate(date));
    return new EvaluationPipeline(EvaluationPipeline.NIGHTLY, new PrintWriter(new StringWriter()), Clock.systemUTC())
        .run(dated, "nightly.yaml");
  }
}
