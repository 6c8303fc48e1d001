package dev.mmsafety.jobs.cli.options;

import picocli.CommandLine.Option;

/** {@code --out ROOT}: the output root tables are written under (ingest, import-responses). */
public final class OutputRootOption {
  @Option(names = "--out", required = true, description = "Output root for the tables.")
  String out;

  public String root() {
    return out;
  }
}
