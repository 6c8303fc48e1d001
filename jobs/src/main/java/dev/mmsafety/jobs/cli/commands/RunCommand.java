package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.PrefixedErrorsCommand;
import dev.mmsafety.jobs.cli.RunPrinter;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the evaluation a YAML config describes. */
@Command(name = "run",
    description = "Run a whole evaluation (ingest, attack, infer, judge, metrics, report) from a YAML config.",
    footer = {"", "Example:", "  ./mmsafety run --config deploy/examples/run-local.yaml"})
public final class RunCommand extends PrefixedErrorsCommand {
  @Mixin ConfigFileOption config;

  @Mixin RunDateOption runDate;


  @Override
  protected int execute() {
    RunPrinter.run(spec, "run", runDate.applyTo(config.load()), config.file().toString());
    return 0;
  }
}
