package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.OutputRootOption;
import dev.mmsafety.jobs.cli.options.ResponseFileOptions;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.ingest.ResponseImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code import-responses}: responses produced elsewhere into cases + responses, for judging without model calls. */
@Command(name = "import-responses",
    description = "Import model responses (JSONL, CSV or Parquet) into the cases and responses tables.",
    footer = {"", "Example:", "  ./mmsafety import-responses \\",
      "      --file deploy/examples/datasets/imported-answers.jsonl \\",
      "      --out /tmp/mmsafety-imported --field id=qid --field response=answer"})
public final class ImportResponsesCommand extends CliCommand {
  @Option(names = "--file", required = true, description = "Responses file (local path or Hadoop URI).")
  String file;

  @Mixin OutputRootOption out;

  @Option(names = "--dataset", description = "Dataset name (default ${DEFAULT-VALUE}).")
  String dataset = "imported";

  @Option(names = "--benchmark", description = "Benchmark for records without one (default ${DEFAULT-VALUE}).")
  String benchmark = ResponseImporter.BENCHMARK_DEFAULT;

  @Mixin ResponseFileOptions reading;

  @Mixin RunDateOption runDate;

  @Override
  protected String failureSubject() {
    return "import responses " + file;
  }

  @Override
  protected int execute() throws Exception {
    RunConfig config = RunConfig.of(new RunSpec("import", out.root(), runDate.value(), null));
    IngestCasesJob.Result result = reading.applyTo(EvalJobs.get(RunContext.standalone("import", config))
        .importResponses().file(file).dataset(dataset).benchmark(benchmark)).execute();
    return printed(result.summaryLines());
  }
}
