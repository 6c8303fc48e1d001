package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.cli.UserErrors;
import dev.mmsafety.jobs.cli.options.OutputRootOption;
import dev.mmsafety.jobs.cli.options.ResponseFileOptions;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.ingest.ResponseImporter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import-responses}: responses produced elsewhere into cases + responses, for judging without model calls. */
@Command(
    name = "import-responses",
    mixinStandardHelpOptions = true,
    description = "Import model responses (JSONL, CSV or Parquet) into the cases and responses tables.",
    footer = {"", "Example:", "  ./mmsafety import-responses \\",
      "      --file deploy/examples/datasets/imported-answers.jsonl \\",
      "      --out /tmp/mmsafety-imported --field id=qid --field response=answer"})
public final class ImportResponsesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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
  public Integer call() throws Exception {
    return UserErrors.exitCode(spec, "import responses " + file, () -> {
      RunConfig config = RunConfig.of(new RunSpec("import", out.root(), runDate.value(), null));
      IngestCasesJob.Result result = reading.applyTo(EvalJobs.get(RunContext.standalone("import", config))
          .importResponses().file(file).dataset(dataset).benchmark(benchmark)).execute();
      result.summaryLines().forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    });
  }
}
