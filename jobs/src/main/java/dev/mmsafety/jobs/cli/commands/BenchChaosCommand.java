package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.ChaosRun;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code bench chaos}: the chaos suite as a figure-printing run (docs/reliability.md). */
@Command(name = "chaos",
    description = {"Run N generated probes against the simulated worker injecting 20%% 5xx, 5%% timeouts, 429s with Retry-After,",
        "connection resets and malformed bodies; print statuses, the ok share after retries and the reconciliation."},
    footer = {"", "Example:", "  ./mmsafety bench chaos --probes 5000"})
public final class BenchChaosCommand extends CliCommand {
  @Option(names = "--probes", description = "Probes to run (default: ${DEFAULT-VALUE}).")
  int probes = 2000;

  @Mixin PartitionsOption partitions;

  @Mixin WorkFolderOption work;


  @Override
  protected int execute() throws Exception {
    Path dir = work.folder("mmsafety-chaos");
    ChaosRun.Summary summary = ChaosRun.run(dir, probes, partitions.value(), out());
    out().println("chaos: " + ChaosRun.describe(summary));
    out().flush();
    return summary.reconciles() && summary.okShare() >= 0.995 ? 0 : 1;
  }
}
