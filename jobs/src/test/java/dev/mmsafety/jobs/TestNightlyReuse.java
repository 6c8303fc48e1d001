package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RunsTable;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7 item 4: a second night reads no benchmark whose content hash is unchanged (its cases are carried over
 * under the new run id), re-running a night replaces only that night, and the response cache makes it call nothing.
 */
class TestNightlyReuse extends SparkTestBase {
  @TempDir Path dir;

  @Test
  void unchangedBenchmarksAreCarriedOverAndNightsAreIdempotent() throws Exception {
    Path samples = Samples.extractTo(dir.resolve("samples"));
    String base = Files.readString(samples).replace("${out}", dir.resolve("out").toString());
    EvaluationPipeline.Result first = run(base, "2026-05-01");
    assertThat(first.counts()).doesNotContainKey("ingest.reused_datasets");
    EvaluationPipeline.Result second = run(base, "2026-05-02");
    assertThat(second.counts()).containsEntry("ingest.reused_datasets", 3L);
    assertThat(second.summaryLines()).anyMatch(l -> l.contains("carried over unread"));
    TableIO day1 = new TableIO(spark(), dir.resolve("out").toString(), "2026-05-01");
    TableIO day2 = new TableIO(spark(), dir.resolve("out").toString(), "2026-05-02");
    long cases1 = day1.readRun(CasesTable.INSTANCE, first.runId()).count();
    assertThat(day2.readRun(CasesTable.INSTANCE, second.runId()).count()).isEqualTo(cases1);
    assertThat(second.counts().get("infer.calls")).as("answers come from the response cache").isZero();
    // Re-running night 2 replaces night 2 only.
    EvaluationPipeline.Result again = run(base, "2026-05-02");
    assertThat(day1.readRun(CasesTable.INSTANCE, first.runId()).count()).isEqualTo(cases1);
    assertThat(day2.read(CasesTable.INSTANCE).where("run_date = '2026-05-02'").select("run_id").distinct()
            .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly(again.runId());
    assertThat(day1.read(RunsTable.INSTANCE).count()).isEqualTo(3);
  }

  private EvaluationPipeline.Result run(String yaml, String date) {
    RunConfig config = ConfigLoader.parse(yaml, "nightly.yaml");
    RunConfig dated = config.withRun(config.run().withRunDate(date));
    return new EvaluationPipeline(EvaluationPipeline.NIGHTLY, new PrintWriter(new StringWriter()), Clock.systemUTC())
        .run(dated, "nightly.yaml");
  }
}
