package dev.mmsafety.jobs.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Benchmarks that print figures (docs/benchmarks.md records them with the command). */
@Command(name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that print measured figures.",
    subcommands = {
      BenchThroughputCommand.class, BenchAdaptiveCommand.class, BenchScaleCommand.class, BenchIngestCommand.class,
      BenchRenderCommand.class, BenchChaosCommand.class, BenchReportCommand.class, BenchJudgesCommand.class,
      BenchAdaptiveSearchCommand.class
    },
    footer = {"", "Example:", "  ./mmsafety bench throughput"})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing benchmark: throughput, adaptive, scale, ingest, render, chaos, report, judges or adaptive-search");
  }
}
