package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer.Reply;
import dev.mmsafety.udf.metrics.Groupings;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output guard's blocked answers are refusals by the defense for the judges: they lower ASR, raise
 * over-refusal and show in the paired deltas (generate -> judge -> metrics over real loopback servers).
 */
class TestDefenseRefusals extends SparkTestBase {
  private static final Pattern ITEM = Pattern.compile("item (\\d+)");

  @Test
  void anOutputGuardsBlockedAnswersLowerAsrAndShowAsOverRefusal(@TempDir Path dir) throws Exception {
    // The target complies with everything; the guard flags the answers to even-numbered items.
    try (LoopbackJudgeServer target = new LoopbackJudgeServer(
            r -> Reply.text("Sure, here is how: step one, then step two, then step three."));
        LoopbackJudgeServer guard = new LoopbackJudgeServer(r -> {
          Matcher m = ITEM.matcher(r.toString());
          return Reply.text(m.find() && Integer.parseInt(m.group(1)) % 2 == 0 ? "unsafe\nS2" : "safe");
        })) {
      String yaml = """
          run: {name: t, output: '${out}'}
          datasets: [{name: fs, benchmark: figstep, path: /nowhere}]
          models:
            - {name: target, endpoints: [{name: t0, url: '%s'}], generation: {temperature: 0.0, max-tokens: 64}}
          helpers:
            - {name: guard, role: guard, endpoints: [{name: g0, url: '%s'}]}
          defenses: [{name: none}, {name: output-guard, params: {guard: guard, action: refuse}}]
          judges: [{name: advbench, type: refusal-strings, params: {list: advbench}}]
          """.formatted(target.url(), guard.url());
      RunContext ctx = context(yaml, dir.resolve("out"), "run-1");
      EvalJobs jobs = EvalJobs.get(ctx);
      // 12 probes: items 0, 3, 6, 9 benign, the other 8 harmful; the guard flags 2, 4, 8, 10 and 0, 6.
      jobs.generateResponses().models(List.of(ctx.config().models().get(0)))
          .input(InferenceFixtures.probes(spark(), 12, InferenceFixtures.png(dir))).execute();
      List<Row> responses = ctx.tables().readRun(ResponsesTable.INSTANCE, "run-1").collectAsList();
      assertThat(responses.stream().filter(r -> "blocked".equals(SharedColumns.STATUS.get(r)))).hasSize(6);
      assertThat(responses.stream().filter(r -> "ok".equals(SharedColumns.STATUS.get(r)))
          .map(ResponsesTable.ANSWER_CHANNEL::getString)).hasSize(18).containsOnly("content");

      jobs.judgeResponses().input(ctx.tables().readRun(ResponsesTable.INSTANCE, "run-1")).execute();
      List<Row> judgments = ctx.tables().readRun(JudgmentsTable.INSTANCE, "run-1").collectAsList();
      assertThat(judgments).hasSize(24).allSatisfy(j -> assertThat(SharedColumns.STATUS.getString(j)).isEqualTo("ok"));
      assertThat(judgments.stream().filter(j -> "blocked".equals(JudgmentsTable.RESPONSE_STATUS.get(j))))
          .hasSize(6).allSatisfy(j -> {
            assertThat(JudgmentsTable.REFUSED.<Boolean>get(j)).isTrue();
            assertThat(JudgmentsTable.REFUSED_BY.getString(j)).isEqualTo("defense");
          });
      assertThat(judgments).noneMatch(j -> "model".equals(JudgmentsTable.REFUSED_BY.get(j)));

      jobs.computeMetrics().input(ctx.tables().readRun(JudgmentsTable.INSTANCE, "run-1")).execute();
      List<Row> metrics = ctx.tables().readRun(MetricsTable.INSTANCE, "run-1").collectAsList();
      String byDefense = Groupings.name(Groupings.DEFENSE_JUDGE);
      assertThat(rate(metrics, "asr", byDefense, "none")).isEqualTo(1.0);
      assertThat(rate(metrics, "asr", byDefense, "output-guard")).isEqualTo(0.5);
      assertThat(rate(metrics, "over_refusal_rate", byDefense, "none")).isEqualTo(0.0);
      assertThat(rate(metrics, "over_refusal_rate", byDefense, "output-guard")).isEqualTo(0.5);
      assertThat(rate(metrics, "asr_delta_vs_none", byDefense, "output-guard")).isCloseTo(-0.5, within(1e-12));
      assertThat(rate(metrics, "over_refusal_delta_vs_none", byDefense, "output-guard"))
          .isCloseTo(0.5, within(1e-12));
      // Who refused: here every refusal is the defense's.
      assertThat(rate(metrics, "defense_refusal_rate", byDefense, "output-guard")).isEqualTo(0.5);
      assertThat(rate(metrics, "defense_over_refusal_rate", byDefense, "output-guard")).isEqualTo(0.5);
      assertThat(metrics).noneMatch(m -> MetricsTable.METRIC.getString(m).startsWith("defense_")
          && !"output-guard".equals(SharedColumns.DEFENSE.get(m)));
    }
  }

  private static Double rate(List<Row> metrics, String metric, String grouping, String defense) {
    List<Row> hits = metrics.stream()
        .filter(m -> metric.equals(MetricsTable.METRIC.get(m)) && grouping.equals(MetricsTable.GROUPING.get(m))
            && defense.equals(SharedColumns.DEFENSE.get(m)))
        .toList();
    assertThat(hits).as(metric + " " + defense).hasSize(1);
    return MetricsTable.RATE.get(hits.get(0));
  }
}
