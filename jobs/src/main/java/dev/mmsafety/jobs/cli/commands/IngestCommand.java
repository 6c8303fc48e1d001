package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
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

/** {@code ingest}: one benchmark folder into cases + rejects under an output root. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read a benchmark as published into the cases table (+ rejects), validating its images.",
    footer = {"", "Example:", "  ./mmsafety ingest --benchmark figstep --path data/FigStep --out out/ --limit 100"})
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--benchmark", required = true, description = "Loader: mm-safetybench, figstep, jailbreakv-28k, hades, vlguard, mossbench, siuo, harmbench-mm, xstest, generic.")
  String benchmark;

  @Option(names = "--path", required = true, description = "Dataset root (local path or Hadoop URI).")
  String path;

  @Option(names = "--out", required = true, description = "Output root for the tables.")
  String out;

  @Option(names = "--name", description = "Dataset name (default: the benchmark name).")
  String name;

  @Option(names = "--limit", description = "Read at most N items.")
  Integer limit;

  @Option(names = "--partitions", description = "Partitions for the image stage (default ${DEFAULT-VALUE}).")
  int partitions = SparkSpec.PARTITIONS_DEFAULT;

  @Option(names = "--option", description = "Loader option key=value, repeatable (e.g. variants=SD,TYPO).")
  Map<String, String> options = new LinkedHashMap<>();

  @Option(names = "--run-date", description = "Partition date YYYY-MM-DD (default: today UTC).")
  String runDate;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    try {
      if (partitions <= 0 || (limit != null && limit <= 0)) {
        throw new ConfigException("Cannot ingest " + path + ": --partitions and --limit must be positive");
      }
      DatasetSpec dataset = new DatasetSpec(name, benchmark, path, limit, new LinkedHashMap<>(options));
      IngestCasesJob.Result result = run(dataset, out, partitions, runDate);
      result.summaryLines().forEach(outWriter::println);
      outWriter.flush();
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage().startsWith("Cannot") ? e.getMessage() : "Cannot ingest " + path + ": " + e.getMessage());
      err.flush();
      return 2;
    }
  }

  /** Runs one dataset's ingest in a session built for the purpose (reused when one is active). */
  static IngestCasesJob.Result run(DatasetSpec dataset, String out, int partitions, String runDate) {
    String root = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    SparkSpec sparkSpec = new SparkSpec(null, partitions, null);
    RunConfig config =
        new RunConfig(new RunSpec("ingest", root, runDate, null), sparkSpec, List.of(dataset), null, null, null, null, null, null, null);
    String date = runDate != null ? runDate : LocalDate.now(ZoneOffset.UTC).toString();
    RunContext context =
        new RunContext(SparkSessions.getOrCreate(sparkSpec, "mmsafety-ingest"), config, "ingest-" + UUID.randomUUID(), date, root,
            config.run().seed());
    return EvalJobs.get(context).ingestCases().execute();
  }
}
