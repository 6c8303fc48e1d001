package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.ScaleBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.WarmupOption;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench scale}: the whole pipeline at several sizes; time per probe and peak memory at each. */
@Command(name = "scale",
    description = "Measure whether the whole pipeline's cost is linear: time per probe and peak heap at each size.",
    footer = {"", "Example:",
      "  MMSAFETY_JAVA_OPTS=-Xmx2g ./mmsafety bench scale --probes 20000,200000 --work /tmp/bench-scale"})
public final class BenchScaleCommand extends CliCommand {
  @Option(names = "--probes", split = ",", defaultValue = "20000,200000",
      description = "Sizes to run, in order (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--images", defaultValue = "500",
      description = "Distinct 64x64 PNGs the cases reference round-robin (default: ${DEFAULT-VALUE}).")
  int images;

  @Mixin WarmupOption warmup;

  @Mixin PartitionsOption partitions = PartitionsOption.defaulting(8);

  @Mixin WorkFolderOption work;

  @Override
  protected int execute() throws Exception {
    return new ScaleBench(sizes, warmup.value(), images, partitions.value(), work.folder("mmsafety-bench-scale"))
        .run(out()) ? 0 : 1;
  }
}
