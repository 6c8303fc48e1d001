package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.AdaptiveSearchBench;
import dev.mmsafety.jobs.cli.CliCommand;
import picocli.CommandLine.Command;
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

  @Option(names = "--window", defaultValue = "64",
      description = "Searches in flight, as inference.window in one partition (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--target", defaultValue = "text-aligned",
      description = "Simulator profile of the target: text-aligned, robust or naive (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--capacity", defaultValue = "256",
      description = "Simulator capacity (concurrent requests) (default: ${DEFAULT-VALUE}).")
  int capacity;

  @Override
  protected int execute() throws Exception {
    new AdaptiveSearchBench(cases, streams, rounds, window, target, capacity).run(out());
    return 0;
  }
}
