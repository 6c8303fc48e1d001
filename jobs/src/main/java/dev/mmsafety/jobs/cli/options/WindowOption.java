package dev.mmsafety.jobs.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --window N}: requests (or searches) one client keeps in flight, as {@code inference.window} does in one
 * partition. Each bench passes its own default, as with {@link PartitionsOption}.
 */
public final class WindowOption {
  @Option(names = "--window",
      description = "Requests kept in flight by one client, as inference.window in one partition"
          + " (default: ${DEFAULT-VALUE}).")
  int window;

  public static WindowOption defaulting(int window) {
    WindowOption option = new WindowOption();
    option.window = window;
    return option;
  }

  public int value() {
    return window;
  }
}
