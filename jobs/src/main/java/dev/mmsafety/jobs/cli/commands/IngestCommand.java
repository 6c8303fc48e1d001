package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.StandaloneIngest;
import dev.mmsafety.jobs.cli.UserErrors;
import dev.mmsafety.jobs.cli.options.DatasetOptions;
import dev.mmsafety.jobs.cli.options.OutputRootOption;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ingest}: one benchmark folder into cases + rejects under an output root. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read a benchmark as published into the cases table (+ rejects), validating its images.",
    footer = {"", "Example:", "  ./mmsafety ingest --benchmark xstest \\",
      "      --path deploy/examples/datasets/xstest-sample --out /tmp/mmsafety-ingest"})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOptions dataset;

  @Mixin OutputRootOption out;

  @Mixin PartitionsOption partitions;

  @Mixin RunDateOption runDate;

  @Override
  public Integer call() throws Exception {
    return UserErrors.exitCode(spec, "ingest " + dataset.path(), () -> {
      if (partitions.value() <= 0 || (dataset.limit() != null && dataset.limit() <= 0)) {
        throw new ConfigException("Cannot ingest " + dataset.path() + ": --partitions and --limit must be positive");
      }
      IngestCasesJob.Result result =
          StandaloneIngest.run(dataset.spec(), out.root(), partitions.value(), runDate.value());
      result.summaryLines().forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    });
  }
}
