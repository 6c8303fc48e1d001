package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.PrefixedErrorsCommand;
import dev.mmsafety.jobs.Samples;
import dev.mmsafety.jobs.cli.RunPrinter;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.jobs.io.OutputRootGuard;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The embedded default: local Spark, the bundled sample suite, the built-in simulated worker. Nothing to
 * install or configure; the tables, report and summary show what a real run produces.
 */
@Command(name = "quickstart",
    description = {"Run a complete evaluation on local Spark over the bundled sample suite (FigStep, MM-SafetyBench and",
        "benign MOSSBench-format cases) against the built-in SIMULATED worker, and write all tables and report.html."},
    footer = {"", "Example:", "  ./mmsafety quickstart --out /tmp/mmsafety-out"})
public final class QuickstartCommand extends PrefixedErrorsCommand {
  public static final String OUT_DEFAULT = "mmsafety-out";

  @Option(names = "--out", paramLabel = "DIR", description = "Output root (default: ${DEFAULT-VALUE}).")
  Path out = Path.of(OUT_DEFAULT);

  @Mixin RunDateOption runDate;


  @Override
  protected int execute() {
    Path root = out.toAbsolutePath().normalize();
    Path configFile;
    try {
      // Claim the root before the samples land in it, so an existing foreign folder is refused untouched.
      OutputRootGuard.claim(new org.apache.hadoop.conf.Configuration(), root.toString());
      configFile = Samples.extractTo(root.resolve("samples"), root.toString());
      RunConfig config = runDate.applyTo(ConfigLoader.load(configFile));
      RunPrinter.run(spec, "quickstart", config, configFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare quickstart in " + root + ": " + e.getMessage(), e);
    }
    return 0;
  }
}
