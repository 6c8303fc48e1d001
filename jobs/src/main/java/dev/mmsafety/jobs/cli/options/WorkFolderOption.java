package dev.mmsafety.jobs.cli.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --work DIR}: where a bench command writes its tables and files; a new temporary folder when not given. */
public final class WorkFolderOption {
  @Option(names = "--work", paramLabel = "DIR", description = "Working folder (default: a new temporary folder).")
  Path work;

  /** The folder given, else a new temporary folder named {@code prefix...}. */
  public Path folder(String prefix) throws IOException {
    return work != null ? work : Files.createTempDirectory(prefix);
  }
}
