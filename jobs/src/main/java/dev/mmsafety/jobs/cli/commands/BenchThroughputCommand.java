package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.ThroughputBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.SimulatorOptions;
import dev.mmsafety.jobs.cli.options.WarmupOption;
import dev.mmsafety.jobs.cli.options.WindowOption;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.config.SparkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench throughput}: the inference stage end to end against the simulated worker (capacity C, service time
 * T, limit C/T), then a naive one-request-per-row UDF on a subset, and the speedup between them.
 */
@Command(name = "throughput",
    description = "Measure inference throughput on local Spark against the simulated worker; compare with a naive"
        + " one-request-per-row UDF.",
    footer = "%nExample:%n  ./mmsafety bench throughput --probes 20000 --image-kb 50 --capacity 64 --service-ms 200")
public final class BenchThroughputCommand extends CliCommand {
  @Option(names = "--probes", defaultValue = "20000", description = "Probes to answer (default: ${DEFAULT-VALUE}).")
  int probes;

  @Option(names = "--image-kb", defaultValue = "50", description = "Image size in KB (default: ${DEFAULT-VALUE}).")
  int imageKb;

  @Option(names = "--distinct-images", defaultValue = "200",
      description = "Distinct image files the probes cycle through (default: ${DEFAULT-VALUE}).")
  int distinctImages;

  @Option(names = "--max-concurrency", defaultValue = "192",
      description = "The endpoint's concurrency budget (default: ${DEFAULT-VALUE}).")
  int maxConcurrency;

  @Mixin SimulatorOptions simulator = SimulatorOptions.defaulting(SimulatorSpec.CAPACITY_DEFAULT, 200);

  @Mixin WindowOption window = WindowOption.defaulting(InferenceSpec.WINDOW_DEFAULT);

  @Mixin WarmupOption warmup;

  @Mixin PartitionsOption partitions = PartitionsOption.defaulting(2);

  @Option(names = "--naive-probes", defaultValue = "300",
      description = "Probes for the naive UDF baseline (default: ${DEFAULT-VALUE}).")
  int naiveProbes;

  @Option(names = "--bare-requests", defaultValue = "-1",
      description = "Requests for the bare JDK HttpClient baseline sending the same bodies to the same simulator"
          + " (default: as many as --probes; 0 = none).")
  int bareRequests;

  @Option(names = "--master", defaultValue = SparkSpec.MASTER_DEFAULT,
      description = "Spark master (default: ${DEFAULT-VALUE}).")
  String master;

  @Mixin WorkFolderOption work;

  /** Runs the benchmark without the CLI root: {@code java ... BenchThroughputCommand --probes 20000}. */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new BenchThroughputCommand()).execute(args));
  }

  @Override
  protected int execute() throws Exception {
    new ThroughputBench(probes, imageKb, distinctImages, simulator.capacity(), simulator.serviceMs(), window.value(),
        warmup.value(), maxConcurrency,
        partitions.value(), naiveProbes, bareRequests < 0 ? probes : bareRequests, master, work.folder("mmsafety-bench")).run(out());
    return 0;
  }
}
