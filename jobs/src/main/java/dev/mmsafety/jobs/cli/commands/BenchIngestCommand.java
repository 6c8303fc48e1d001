package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.IngestBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench ingest}: generates a generic JSONL dataset of N cases referencing small PNGs, ingests it in this
 * JVM (local mode: driver and executors share the heap, so the peak covers both) and prints rows/s and peak heap.
 */
@Command(name = "ingest",
    description = "Measure ingest throughput and peak heap on a generated generic dataset with images.",
    footer = {"", "Examples:", "  ./mmsafety bench ingest --rows 100000 --images 500 --partitions 4 --work /tmp/bench-ingest",
      "  MMSAFETY_JAVA_OPTS=-Xmx2g ./mmsafety bench ingest --rows 200000 --full-pipeline --work /tmp/bench-mem"})
public final class BenchIngestCommand extends CliCommand {
  @Option(names = "--rows", description = "Cases to generate (default ${DEFAULT-VALUE}).")
  int rows = 100_000;

  @Option(names = "--images", description = "Distinct PNG files the rows reference round-robin (default ${DEFAULT-VALUE}).")
  int images = 500;

  @Option(names = "--image-size", description = "Image width = height, px (default ${DEFAULT-VALUE}).")
  int imageSize = 64;

  @Mixin PartitionsOption partitions;

  @Mixin WorkFolderOption work;

  @Option(
      names = "--full-pipeline",
      description = "Run the whole pipeline (ingest, attack none, simulated worker, advbench judge, metrics, report),"
          + " not ingest alone: the issue #8 memory check.")
  boolean fullPipeline;

  @Override
  protected int execute() throws Exception {
    IngestBench bench = new IngestBench(rows, images, imageSize, partitions.value(), work.folder("mmsafety-bench-ingest"), fullPipeline);
    return bench.run(out()) ? 0 : 1;
  }
}
