package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.AdaptiveBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.WindowOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench adaptive}: adaptive concurrency against simulators whose capacity the client is not told; prints the
 * limit over time, when 95% of each server's limit was reached, and how it went through a storm of 429s.
 */
@Command(name = "adaptive",
    description = "Measure adaptive concurrency against simulated workers of unknown capacity, with a storm of 429s.",
    footer = {"", "Example:", "  ./mmsafety bench adaptive --capacity 16,64,256"})
public final class BenchAdaptiveCommand extends CliCommand {
  @Option(names = "--capacity", split = ",", defaultValue = "16,64,256",
      description = "Simulator capacities C, one run each (default: ${DEFAULT-VALUE}).")
  List<Integer> capacities;

  @Option(names = "--service-ms", defaultValue = "1000",
      description = "Simulator service time T in ms (default: ${DEFAULT-VALUE}).")
  long serviceMs;

  @Option(names = "--jitter-ms", defaultValue = "100",
      description = "Uniform service-time jitter in ms (default: ${DEFAULT-VALUE}).")
  long jitterMs;

  @Option(names = "--jvms", defaultValue = "1",
      description = "Independent clients sharing the endpoint, as executor JVMs would (default: ${DEFAULT-VALUE}).")
  int jvms;

  @Option(names = "--seconds", defaultValue = "75", description = "Seconds per capacity (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--storm-at", defaultValue = "45",
      description = "Second at which every request starts getting 429 (default: ${DEFAULT-VALUE}).")
  int stormAt;

  @Option(names = "--storm-seconds", defaultValue = "8",
      description = "How long the storm of 429s lasts; 0 = none (default: ${DEFAULT-VALUE}).")
  int stormSeconds;

  @Mixin WindowOption window = WindowOption.defaulting(1024);

  @Option(names = "--max-concurrency", description = "The endpoint's cap (default: none given).")
  Integer maxConcurrency;

  @Override
  protected int execute() throws Exception {
    new AdaptiveBench(capacities, serviceMs, jitterMs, jvms, window.value(), seconds, stormAt, stormSeconds,
        maxConcurrency).run(out());
    return 0;
  }
}
