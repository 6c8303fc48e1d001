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

/** Runs the evaluation a YAML config describes. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a whole evaluation (ingest, attack, infer, judge, metrics, report) from a YAML config.",
    footer = {"", "Example:", "  ./mmsafety run --config deploy/examples/vllm-run.yaml"})
public final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config (YAML).")
  Path config;

  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD", description = "Override run.run-date.")
  String runDate;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    RunConfig loaded = RunConfigs.withRunDate(ConfigLoader.load(config), runDate);
    EvaluationPipeline.Result result =
        new EvaluationPipeline("run", RunPrinter.out(spec), Clock.systemUTC()).run(loaded, config.toString());
    RunPrinter.printResult(spec, result);
    return 0;
  }
}
