package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.StandaloneIngest;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.DatasetOptions;
import dev.mmsafety.jobs.cli.options.OutputRootOption;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.exceptions.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ingest}: one benchmark folder into cases + rejects under an output root. */
@Command(name = "ingest",
    description = "Read a benchmark as published into the cases table (+ rejects), validating its images.",
    footer = {"", "Example:", "  ./mmsafety ingest --benchmark xstest \\",
      "      --path deploy/examples/datasets/xstest-sample --out /tmp/mmsafety-ingest"})
public final class IngestCommand extends CliCommand {
  @Mixin DatasetOptions dataset;

  @Mixin OutputRootOption out;

  @Mixin PartitionsOption partitions;

  @Mixin RunDateOption runDate;

  @Override
  protected String failureSubject() {
    return "ingest " + dataset.path();
  }

  @Override
  protected int execute() throws Exception {
    if (partitions.value() <= 0 || (dataset.limit() != null && dataset.limit() <= 0)) {
      throw new ConfigException("Cannot ingest " + dataset.path() + ": --partitions and --limit must be positive");
    }
    IngestCasesJob.Result result =
        StandaloneIngest.run(dataset.spec(), out.root(), partitions.value(), runDate.value());
    return printed(result.summaryLines());
  }
}
