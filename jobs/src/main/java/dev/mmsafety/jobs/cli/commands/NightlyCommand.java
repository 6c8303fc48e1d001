package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.cli.RunPrinter;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The nightly job: ingest (reusing benchmarks whose content hash is unchanged), attack, infer, judge, metrics,
 * regressions against the previous night, report. Idempotent per run date: re-running a night replaces only that
 * night's partitions, and the response cache makes the re-run call no model it already has an answer from.
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "Run the nightly evaluation for one run date (default today, UTC), compare it with the previous night and",
      "exit 3 on a flagged regression when --fail-on-regression is given."
    },
    footer = {"", "Example:", "  ./mmsafety nightly --config deploy/examples/nightly.yaml --fail-on-regression"})
public final class NightlyCommand implements Callable<Integer> {
  public static final int EXIT_REGRESSION = 3;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config (YAML).")
  Path config;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "Night to (re)run; default today UTC.")
  String runDate;

  @Option(names = "--fail-on-regression", description = "Exit 3 when a regression is flagged.")
  boolean failOnRegression;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunConfig loaded = RunConfigs.withRunDate(ConfigLoader.load(config), runDate);
    EvaluationPipeline.Result result =
        new EvaluationPipeline("nightly", RunPrinter.out(spec), Clock.systemUTC()).run(loaded, config.toString());
    RunPrinter.printResult(spec, result);
    if (result.regressionFlagged()) {
      spec.commandLine().getErr().println("mmsafety: regression flagged against the baseline (see regressions table)");
      return failOnRegression ? EXIT_REGRESSION : 0;
    }
    return 0;
  }
}
