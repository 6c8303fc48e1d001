package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimulatorEndpoints;

/**
 * Starts the built-in simulated worker on loopback when any endpoint says {@code url: simulator}, and returns
 * the config with those endpoints pointing at it (still marked simulated, so tables and report say so).
 */
public final class SimulatorLauncher implements AutoCloseable {
  private final SimulatedWorker worker;
  private final RunConfig resolved;

  private SimulatorLauncher(SimulatedWorker worker, RunConfig resolved) {
    this.worker = worker;
    this.resolved = resolved;
  }

  public static SimulatorLauncher startIfNeeded(RunConfig config) {
    if (!SimulatorEndpoints.needed(config)) {
      return new SimulatorLauncher(null, config);
    }
    SimulatedWorker worker = SimulatedWorker.start(config.simulator());
    return new SimulatorLauncher(worker, SimulatorEndpoints.resolve(config, worker.baseUrl()));
  }

  public RunConfig config() {
    return resolved;
  }

  public boolean running() {
    return worker != null;
  }

  @Override
  public void close() {
    if (worker != null) {
      worker.close();
    }
  }
}
