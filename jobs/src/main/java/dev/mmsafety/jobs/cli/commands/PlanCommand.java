package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.RunPlan;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.spark.InferencePlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan --config FILE}: what a run would cost, from the config alone, before anything is called. */
@Command(name = "plan",
    description = {"Print requests per model, estimated tokens and time, and expected cache hits for a run config, from the",
        "config alone: datasets are read and attacks applied locally in a scratch folder; no model is called and",
        "nothing is written under the output root."},
    footer = "%nExample:%n  ./mmsafety plan --config deploy/examples/run-local.yaml --latency-ms 1500")
public final class PlanCommand extends CliCommand {
  @Mixin ConfigFileOption config;

  @Option(names = "--latency-ms", paramLabel = "MS", defaultValue = "" + RunPlan.LATENCY_MS_DEFAULT,
      description = "Assumed time per request for the estimate (default: ${DEFAULT-VALUE}).")
  long latencyMs;

  @Mixin RunDateOption runDate;

  @Option(names = "--tokens-per-image", defaultValue = "" + InferencePlanner.TOKENS_PER_IMAGE_DEFAULT,
      description = "Prompt tokens counted per image (default: ${DEFAULT-VALUE}).")
  int tokensPerImage;

  @Override
  protected int execute() throws Exception {
    RunPlan plan = new RunPlan(config.file().toString(), latencyMs, tokensPerImage);
    plan.print(runDate.applyTo(config.load()), out());
    return 0;
  }
}
