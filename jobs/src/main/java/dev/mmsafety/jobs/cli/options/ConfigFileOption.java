package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the run config a command reads (run, nightly, plan, judge). */
public final class ConfigFileOption {
  @Option(names = "--config", required = true, paramLabel = "FILE", description = "Run config (YAML).")
  Path file;

  public Path file() {
    return file;
  }

  /** The parsed and checked config; a bad file is a one-line {@code ConfigException}. */
  public RunConfig load() {
    return ConfigLoader.load(file);
  }

  /** The config for judging an existing table: judges are enough (no datasets, models or run section needed). */
  public RunConfig loadForJudging() {
    return ConfigLoader.load(file, ConfigLoader.Use.JUDGE);
  }
}
