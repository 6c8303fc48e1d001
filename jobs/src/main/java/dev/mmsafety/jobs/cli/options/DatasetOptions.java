package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.udf.config.DatasetSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** A benchmark as published, to load: {@code --benchmark --path [--name] [--limit] [--option k=v]...}. */
public final class DatasetOptions {
  @Option(
      names = "--benchmark",
      required = true,
      description = "Loader: mm-safetybench, figstep, jailbreakv-28k, hades, vlguard, mossbench, siuo, harmbench-mm,"
          + " xstest, generic.")
  String benchmark;

  @Option(names = "--path", required = true, description = "Dataset root (local path or Hadoop URI).")
  String path;

  @Option(names = "--name", description = "Dataset name (default: the benchmark name).")
  String name;

  @Option(names = "--limit", description = "Read at most N items.")
  Integer limit;

  @Option(names = "--option", description = "Loader option key=value, repeatable (e.g. variants=SD,TYPO).")
  Map<String, String> options = new LinkedHashMap<>();

  public String path() {
    return path;
  }

  public Integer limit() {
    return limit;
  }

  public DatasetSpec spec() {
    return new DatasetSpec(name, benchmark, path, limit, new LinkedHashMap<>(options));
  }
}
