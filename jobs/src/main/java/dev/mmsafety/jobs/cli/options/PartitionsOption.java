package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.udf.config.SparkSpec;
import picocli.CommandLine.Option;

/**
 * {@code --partitions N}: partitions of the per-row stages. A command with another default passes its own
 * instance ({@code @Mixin PartitionsOption partitions = PartitionsOption.defaulting(2)}); picocli keeps it.
 */
public final class PartitionsOption {
  @Option(names = "--partitions", description = "Partitions of the per-row stages (default: ${DEFAULT-VALUE}).")
  int partitions;

  public PartitionsOption() {
    this(SparkSpec.PARTITIONS_DEFAULT);
  }

  private PartitionsOption(int partitions) {
    this.partitions = partitions;
  }

  public static PartitionsOption defaulting(int partitions) {
    return new PartitionsOption(partitions);
  }

  public int value() {
    return partitions;
  }
}
