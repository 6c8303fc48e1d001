package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestModelCommands extends SparkTestBase {

  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void benchRunsEndToEndAndPrintsEveryFigure(@TempDir Path dir) {
    spark(); // share the test session
    Run r = run(new BenchThroughputCommand(), "--probes", "60", "--image-kb", "2", "--distinct-images", "3",
        "--capacity", "8", "--service-ms", "5", "--window", "8", "--max-concurrency", "16", "--naive-probes", "6",
        "--warmup", "5", "--work-dir", dir.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("warm-up: 5 probes answered", "pipeline: 60 responses (60 ok), 60 HTTP calls", "limit C/T: 1600.0 req/s",
        "latency per request: p50", "naive one-request-per-row UDF: 6 rows", "speedup:");
  }

  @Test
  void planCountsRequestsCacheHitsAndBudget(@TempDir Path dir) throws Exception {
    spark();
    Path out = dir.resolve("out");
    // make probes and a cache by answering the first run with a simulator-free "run" of the bench command
    Run bench = run(new BenchThroughputCommand(), "--probes", "10", "--image-kb", "1", "--distinct-images", "2",
        "--capacity", "8", "--service-ms", "1", "--naive-probes", "0", "--warmup", "0", "--work-dir", dir.toString());
    assertThat(bench.exit()).as(bench.err()).isZero();
    Path config = dir.resolve("plan.yaml");
    Files.writeString(config, """
        run:
          output: %s
        datasets:
          - name: bench
            benchmark: generic
            path: /nowhere
        models:
          - name: bench-sim
            endpoints:
              - name: sim
                url: simulator
            generation:
              temperature: 0.0
              max-tokens: 64
          - name: other
            endpoints:
              - name: e
                url: http://gpu-0:8000/v1
        inference:
          max-requests: 4
        """.formatted(out.toUri()));
    Run plan = run(new PlanCommand(), "--config", config.toString(), "--throughput", "2");
    assertThat(plan.exit()).as(plan.err()).isZero();
    assertThat(plan.out()).contains("10 probes x 2 models x 1 defenses");
    // bench-sim's 10 answers are cached; "other" has 10 to call, of which the budget admits 4
    assertThat(plan.out()).containsPattern("bench-sim\\s+10\\s+10\\s+0\\s+0 ");
    assertThat(plan.out()).containsPattern("other\\s+10\\s+0\\s+4\\s+6 ");
    assertThat(plan.out()).containsPattern("total\\s+20\\s+10\\s+4\\s+6 .*0h00m02s");
  }

  @Test
  void planReportsUserErrorsOnOneLine(@TempDir Path dir) throws Exception {
    Run missing = run(new PlanCommand(), "--config", dir.resolve("nope.yaml").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("Cannot read config " + dir.resolve("nope.yaml") + ": no such file");
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, """
        run:
          output: %s
        datasets:
          - {name: d, benchmark: generic, path: /x}
        models:
          - name: m
            endpoints: [{name: e, url: "http://h:1/v1"}]
        """.formatted(dir.resolve("empty")));
    Run noProbes = run(new PlanCommand(), "--config", config.toString());
    assertThat(noProbes.exit()).isEqualTo(2);
    assertThat(noProbes.err()).startsWith("Cannot plan run " + config + ": no probes table at");
  }
}
