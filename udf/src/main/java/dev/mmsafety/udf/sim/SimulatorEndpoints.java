package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import java.util.ArrayList;
import java.util.List;

/** Points every {@code url: simulator} endpoint of a config at a started {@link SimulatedWorker}. */
public final class SimulatorEndpoints {
  private SimulatorEndpoints() {}

  /** True when some model endpoint says {@code url: simulator}, i.e. a worker must be started first. */
  public static boolean needed(RunConfig config) {
    return config.models().stream()
        .anyMatch(m -> m.endpoints().stream().anyMatch(e -> EndpointSpec.SIMULATOR_URL.equals(e.url())));
  }

  /** The config with every simulator endpoint resolved to {@code baseUrl} (rows then carry simulator=true). */
  public static RunConfig resolve(RunConfig c, String baseUrl) {
    List<ModelSpec> models = new ArrayList<>();
    for (ModelSpec m : c.models()) {
      List<EndpointSpec> endpoints = new ArrayList<>();
      for (EndpointSpec e : m.endpoints()) {
        endpoints.add(EndpointSpec.SIMULATOR_URL.equals(e.url()) ? e.resolvedTo(baseUrl) : e);
      }
      models.add(m.withEndpoints(endpoints));
    }
    return c.withModels(models);
  }
}
