package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.RunConfig;
import java.util.Map;
import dev.mmsafety.udf.sim.SimProfiles;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimulatorEndpoints;

/**
 * Starts the built-in simulated worker on loopback when any model or helper endpoint says {@code url: simulator},
 * serving exactly those models' served names with their profiles, and returns the config with those endpoints
 * pointing at it (still marked simulated, so tables and report say so). Unknown profiles fail first, whether or
 * not a worker is needed.
 */
public final class SimulatorLauncher implements AutoCloseable {
  private final SimulatedWorker worker;
  private final RunConfig resolved;

  private SimulatorLauncher(SimulatedWorker worker, RunConfig resolved) {
    this.worker = worker;
    this.resolved = resolved;
  }

  public static SimulatorLauncher startIfNeeded(RunConfig config) {
    Map<String, String> served = SimProfiles.served(config);
    if (!SimulatorEndpoints.needed(config)) {
      return new SimulatorLauncher(null, config);
    }
    SimulatedWorker worker = SimulatedWorker.start(config.simulator(), served);
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
