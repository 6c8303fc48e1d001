package dev.mmsafety.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/examples/run-local.yaml runs as shipped against the simulator (from the repository root, as its comment
 * says; here its relative dataset path is resolved against the repository and the output goes to a temp folder).
 * The S3 examples run in TestS3Examples.
 */
class TestExampleConfigs extends SparkTestBase {
  static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

  /** The example with relative dataset paths taken from the repository root and its output under {@code out}. */
  static RunConfig fromRepoRoot(Path example, String out) {
    RunConfig config = ConfigLoader.load(example);
    List<DatasetSpec> datasets = config.datasets().stream()
        .map(d -> d.path().contains("://") || Path.of(d.path()).isAbsolute() ? d
            : new DatasetSpec(d.name(), d.benchmark(), REPO.resolve(d.path()).toString(), d.limit(), d.options()))
        .toList();
    return config.withDatasets(datasets).withRun(config.run().withOutput(out));
  }

  @Test
  void runLocalRunsAsShipped(@TempDir Path dir) {
    Path example = REPO.resolve("deploy/examples/run-local.yaml");
    assertThat(ConfigLoader.load(example).datasets()).allSatisfy(d -> assertThat(REPO.resolve(d.path())).isDirectory());
    RunConfig config = fromRepoRoot(example, dir.resolve("out").toString());
    StringWriter printed = new StringWriter();
    EvaluationPipeline.Result result =
        new EvaluationPipeline("run", new PrintWriter(printed), Clock.systemUTC()).run(config, example.toString());
    // 8 cases under none + the 6 text-only ones under figstep (its default variants are text variants) x 1 model:
    // every probe answered by the simulator and judged.
    assertThat(result.counts()).containsEntry("ingest.cases", 8L).containsEntry("attack.probes", 14L);
    TableIO tables = new TableIO(spark(), dir.resolve("out").toString(), result.runDate());
    assertThat(tables.readRun(ResponsesTable.INSTANCE, result.runId()).where("status = 'ok'").count()).isEqualTo(14);
    assertThat(tables.readRun(JudgmentsTable.INSTANCE, result.runId()).count()).isEqualTo(14);
    assertThat(Files.exists(dir.resolve("out/report.html"))).isTrue();
  }
}
