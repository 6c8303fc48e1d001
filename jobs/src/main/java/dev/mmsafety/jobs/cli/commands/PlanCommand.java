package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.RunPlan;
import dev.mmsafety.jobs.cli.UserErrors;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import dev.mmsafety.udf.spark.InferencePlanner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plan --config FILE}: what the inference stage would cost, before anything is called. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Print requests per model, estimated tokens and time, and expected cache hits for a run's"
        + " probes, without calling any model.",
    footer = "%nExample:%n  ./mmsafety plan --config nightly.yaml --throughput 320")
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ConfigFileOption config;

  @Option(names = "--throughput", paramLabel = "REQ_PER_S", defaultValue = "320",
      description = "Requests per second assumed for the time estimate (default: ${DEFAULT-VALUE}).")
  double throughput;

  // Not the RunDateOption mixin: here the date selects probes to read, and defaults to the latest written.
  @Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
      description = "Probes partition to plan (default: run.run-date, else the latest).")
  String runDate;

  @Option(names = "--tokens-per-image", defaultValue = "" + InferencePlanner.TOKENS_PER_IMAGE_DEFAULT,
      description = "Prompt tokens counted per image (default: ${DEFAULT-VALUE}).")
  int tokensPerImage;

  @Override
  public Integer call() throws Exception {
    return UserErrors.exitCode(spec, () -> {
      RunPlan plan = new RunPlan(config.file().toString(), runDate, throughput, tokensPerImage);
      plan.print(config.load(), spec.commandLine().getOut());
      return 0;
    });
  }
}
