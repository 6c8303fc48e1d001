package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Points every {@code url: simulator} endpoint of a config (models and helpers) at a started {@link SimulatedWorker}. */
public final class SimulatorEndpoints {
  private SimulatorEndpoints() {}

  /** True when some model or helper endpoint says {@code url: simulator}, i.e. a worker must be started first. */
  public static boolean needed(RunConfig config) {
    return Stream.concat(config.models().stream(), config.helpers().stream())
        .anyMatch(m -> m.endpoints().stream().anyMatch(e -> EndpointSpec.SIMULATOR_URL.equals(e.url())));
  }

  /** Some endpoint of {@code m} says {@code url: simulator} (before or after resolution). */
  static boolean usesSimulator(ModelSpec m) {
    return m.endpoints().stream().anyMatch(e -> e.isSimulator());
  }

  /** The config with every simulator endpoint resolved to {@code baseUrl} (rows then carry simulator=true). */
  public static RunConfig resolve(RunConfig c, String baseUrl) {
    return c.withModels(resolve(c.models(), baseUrl)).withHelpers(resolve(c.helpers(), baseUrl));
  }

  private static List<ModelSpec> resolve(List<ModelSpec> specs, String baseUrl) {
    List<ModelSpec> out = new ArrayList<>();
    for (ModelSpec m : specs) {
      List<EndpointSpec> endpoints = new ArrayList<>();
      for (EndpointSpec e : m.endpoints()) {
        endpoints.add(EndpointSpec.SIMULATOR_URL.equals(e.url()) ? e.resolvedTo(baseUrl) : e);
      }
      out.add(m.with(b -> b.endpoints = endpoints));
    }
    return out;
  }
}
