package dev.mmsafety.jobs.cli.options;

import picocli.CommandLine.Option;

/** {@code --warmup N}: probes answered first, unmeasured, so the figures are of a warm JVM and warm connections. */
public final class WarmupOption {
  @Option(names = "--warmup",
      description = "Probes run first, unmeasured, to warm the JVM and connections (default: ${DEFAULT-VALUE}).")
  int warmup = 2000;

  public int value() {
    return warmup;
  }
}
