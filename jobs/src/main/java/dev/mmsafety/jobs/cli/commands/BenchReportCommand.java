package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.bench.ReportBench;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench report}: report.html over N synthetic responses, its size and its load time in Chromium. */
@Command(name = "report",
    description = "Write report.html for N synthetic responses (built in memory; --via-jobs: synthetic tables through"
        + " the metrics and report jobs) and open it in headless Chromium, first in a fresh profile (cold), then"
        + " warm; print the file size and the page's ready times against the goals (< 20 MB, < 3 s cold).",
    footer = {"", "Example:", "  ./mmsafety bench report --responses 200000 --work /tmp/bench-report"})
public final class BenchReportCommand extends CliCommand {
  @Option(names = "--responses", description = "Responses to synthesise (default ${DEFAULT-VALUE}).")
  long responses = 200_000;

  @Option(names = "--loads", description = "Times to load the page in Chromium (default ${DEFAULT-VALUE}).")
  int loads = 3;

  @Option(names = "--via-jobs", description = "Write the synthetic tables and run the metrics and report jobs"
      + " (minutes) instead of building the report's input in memory.")
  boolean viaJobs;

  @Mixin WorkFolderOption work;

  @Override
  protected int execute() throws Exception {
    Path folder = work.folder("mmsafety-bench-report");
    return new ReportBench(responses, loads, folder, viaJobs).run(out()) ? 0 : 1;
  }
}
