package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.ingest.ResponseImporter;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import-responses}: responses produced elsewhere into cases + responses, for judging without model calls. */
@Command(
    name = "import-responses",
    mixinStandardHelpOptions = true,
    description = "Import model responses (JSONL, CSV or Parquet) into the cases and responses tables.",
    footer = {"", "Example:", "  ./mmsafety import-responses --file answers.jsonl --out out/ --field id=qid --field response=answer"})
public final class ImportResponsesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--file", required = true, description = "Responses file (local path or Hadoop URI).")
  String file;

  @Option(names = "--out", required = true, description = "Output root for the tables.")
  String out;

  @Option(names = "--format", description = "jsonl, csv or parquet (default: from the extension).")
  String format;

  @Option(names = "--dataset", description = "Dataset name (default ${DEFAULT-VALUE}).")
  String dataset = "imported";

  @Option(names = "--benchmark", description = "Benchmark for records without one (default ${DEFAULT-VALUE}).")
  String benchmark = ResponseImporter.BENCHMARK_DEFAULT;

  @Option(names = "--field", description = "Role=column, repeatable; roles: case-id, id, text, response, model, benchmark, variant, category, polarity, image.")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--label-prefix", description = "Columns with this prefix are per-annotator labels (default ${DEFAULT-VALUE}).")
  String labelPrefix = ResponseImporter.LABEL_PREFIX_DEFAULT;

  @Option(names = "--run-date", description = "Partition date YYYY-MM-DD (default: today UTC).")
  String runDate;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      String root = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
      SparkSpec sparkSpec = new SparkSpec(null, null, null);
      RunConfig config = new RunConfig(new RunSpec("import", root, runDate, null), sparkSpec, List.of(), null, null, null, null, null, null, null);
      String date = runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC).toString();
      RunContext context = new RunContext(SparkSessions.getOrCreate(sparkSpec, "mmsafety-import"), config,
          "import-" + UUID.randomUUID(), date, root, config.run().seed());
      IngestCasesJob.Result result = EvalJobs.get(context).importResponses().file(file).format(format).dataset(dataset)
          .benchmark(benchmark).fields(fields).labelPrefix(labelPrefix).execute();
      result.summaryLines().forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage().startsWith("Cannot") ? e.getMessage() : "Cannot import responses " + file + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }
}
