package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.ChaosRun;
import dev.mmsafety.jobs.cli.options.PartitionsOption;
import dev.mmsafety.jobs.cli.options.WorkFolderOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench chaos}: the chaos suite as a figure-printing run (docs/reliability.md). */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description = {
      "Run N generated probes against the simulated worker injecting 20%% 5xx, 5%% timeouts, 429s with Retry-After,",
      "connection resets and malformed bodies; print statuses, the ok share after retries and the reconciliation."
    },
    footer = {"", "Example:", "  ./mmsafety bench chaos --probes 5000"})
public final class BenchChaosCommand implements Callable<Integer> {
  @Option(names = "--probes", description = "Probes to run (default: ${DEFAULT-VALUE}).")
  int probes = 2000;

  @Mixin PartitionsOption partitions;

  @Mixin WorkFolderOption work;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path dir = work.folder("mmsafety-chaos");
    ChaosRun.Summary summary = ChaosRun.run(dir, probes, partitions.value(), spec.commandLine().getOut());
    spec.commandLine().getOut().println("chaos: " + ChaosRun.describe(summary));
    spec.commandLine().getOut().flush();
    return summary.reconciles() && summary.okShare() >= 0.995 ? 0 : 1;
  }
}
