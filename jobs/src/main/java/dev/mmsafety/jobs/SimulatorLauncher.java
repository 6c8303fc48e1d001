package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.sim.SimulatedWorker;
import java.util.List;

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
    boolean needed = config.models().stream().anyMatch(ModelSpec::usesSimulator);
    if (!needed) {
      return new SimulatorLauncher(null, config);
    }
    SimulatedWorker worker = SimulatedWorker.start(config.simulator());
    List<ModelSpec> models =
        config.models().stream().map(m -> resolve(m, worker.baseUrl())).toList();
    RunConfig resolved =
        new RunConfig(
            config.run(), config.spark(), config.datasets(), config.attacks(), models, config.defenses(),
            config.judges(), config.inference(), config.simulator(), config.report());
    return new SimulatorLauncher(worker, resolved);
  }

  private static ModelSpec resolve(ModelSpec model, String baseUrl) {
    List<EndpointSpec> endpoints =
        model.endpoints().stream()
            .map(e -> EndpointSpec.SIMULATOR_URL.equals(e.url()) ? e.resolvedTo(baseUrl) : e)
            .toList();
    return new ModelSpec(
        model.name(), model.model(), endpoints, model.apiKeyEnv(), model.imageTransport(), model.systemPrompt(),
        model.generation());
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
