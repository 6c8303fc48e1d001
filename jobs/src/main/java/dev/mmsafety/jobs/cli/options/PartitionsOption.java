package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.udf.config.SparkSpec;
import picocli.CommandLine.Option;

/**
 * {@code --partitions N}: partitions of the per-row stages. A command with another default passes its own
 * instance ({@code @Mixin PartitionsOption partitions = PartitionsOption.defaulting(2)}); picocli keeps it.
 */
public final class PartitionsOption {
  @Option(names = "--partitions", description = "Partitions of the per-row stages (default: ${DEFAULT-VALUE}).")
  int partitions = SparkSpec.PARTITIONS_DEFAULT;

  public static PartitionsOption defaulting(int partitions) {
    PartitionsOption option = new PartitionsOption();
    option.partitions = partitions;
    return option;
  }

  public int value() {
    return partitions;
  }
}
