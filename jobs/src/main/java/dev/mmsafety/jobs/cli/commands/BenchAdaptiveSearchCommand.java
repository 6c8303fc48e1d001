package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.AdaptiveSearchBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.SimulatorOptions;
import dev.mmsafety.jobs.cli.options.WindowOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench adaptive-search}: PAIR searches per minute, calls per success and heap against the simulator. */
@Command(name = "adaptive-search",
    description = "Measure adaptive-attack searches (PAIR) against the simulated worker: searches per minute, calls"
        + " per success, peak heap.",
    footer = {"", "Example (the full size of docs/benchmarks.md):",
        "  ./mmsafety bench adaptive-search --cases 10000 --streams 3 --rounds 5"})
public final class BenchAdaptiveSearchCommand extends CliCommand {
  @Option(names = "--cases", defaultValue = "1000", description = "Searches (one per case) (default: ${DEFAULT-VALUE}).")
  int cases;

  @Option(names = "--streams", defaultValue = "3", description = "PAIR streams per search (default: ${DEFAULT-VALUE}).")
  int streams;

  @Option(names = "--rounds", defaultValue = "5", description = "PAIR rounds per stream (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--target", defaultValue = "text-aligned",
      description = "Simulator profile of the target: text-aligned, robust or naive (default: ${DEFAULT-VALUE}).")
  String target;

  @Mixin WindowOption window = WindowOption.defaulting(64);

  @Mixin SimulatorOptions simulator = SimulatorOptions.defaulting(256, 1);

  @Override
  protected int execute() throws Exception {
    new AdaptiveSearchBench(cases, streams, rounds, window.value(), target, simulator.capacity(),
        simulator.serviceMs()).run(out());
    return 0;
  }
}
