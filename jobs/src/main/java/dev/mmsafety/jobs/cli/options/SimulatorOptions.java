package dev.mmsafety.jobs.cli.options;

import picocli.CommandLine.Option;

/**
 * {@code --capacity C --service-ms T}: the simulated worker a bench drives (C concurrent requests, T ms each, so a
 * limit of C/T). Each bench passes its own defaults ({@code SimulatorOptions.defaulting(64, 200)}).
 */
public final class SimulatorOptions {
  @Option(names = "--capacity", description = "Simulator capacity C, concurrent requests (default: ${DEFAULT-VALUE}).")
  int capacity;

  @Option(names = "--service-ms", description = "Simulator service time T in ms (default: ${DEFAULT-VALUE}).")
  long serviceMs;

  public static SimulatorOptions defaulting(int capacity, long serviceMs) {
    SimulatorOptions options = new SimulatorOptions();
    options.capacity = capacity;
    options.serviceMs = serviceMs;
    return options;
  }

  public int capacity() {
    return capacity;
  }

  public long serviceMs() {
    return serviceMs;
  }
}
