package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.udf.config.RunConfig;
import picocli.CommandLine.Option;

/** {@code --run-date YYYY-MM-DD}: the partition a run writes, overriding the config's run.run-date. */
public final class RunDateOption {
  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description = "Run date, the partition written (default: today UTC, or the config's run.run-date).")
  String runDate;

  /** The date given, or null to keep the config's (whose own default is today, UTC). */
  public String value() {
    return runDate;
  }

  /** {@code config} with run.run-date replaced when the option was given. */
  public RunConfig applyTo(RunConfig config) {
    return runDate == null ? config : config.withRun(config.run().withRunDate(runDate));
  }
}
