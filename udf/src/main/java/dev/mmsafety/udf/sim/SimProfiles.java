package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.config.HelperRole;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The simulator's behaviour profiles by the name a config gives (docs/model-workers.md): which profile a model or
 * helper gets, and the check that every configured name is one. Targets: {@code text-aligned} (default),
 * {@code robust}, {@code naive}; helpers: {@code judge}, {@code guard}, {@code caption}, {@code attacker}. The
 * profiles themselves are {@link SimProfile}: a new profile is one constant there.
 */
public final class SimProfiles {
  private SimProfiles() {}

  /** Every profile's name (see {@link SimProfile#ids}). */
  public static List<String> names() {
    return SimProfile.ids();
  }

  /** The behaviour of profile {@code name}; IllegalArgumentException for a name that is not a profile. */
  public static SimBehaviour create(String name, SimulatorSpec spec) {
    return SimProfile.byId(name).orElseThrow(() -> new IllegalArgumentException("unknown simulator profile '" + name
        + "' (known: " + String.join(", ", names()) + ")")).create(spec);
  }

  /** The profile a model or helper gets when it names none: by helper role, else text-aligned. */
  public static String profileOf(ModelSpec m) {
    if (m.simulatorProfile() != null) {
      return m.simulatorProfile();
    }
    HelperRole role = HelperRole.of(m.role());
    if (role == null) {
      return SimProfile.TEXT_ALIGNED.id();
    }
    SimProfile helper = switch (role) {
      case GUARD -> SimProfile.GUARD;
      case JUDGE -> SimProfile.JUDGE;
      case CAPTION -> SimProfile.CAPTION;
      case ATTACKER -> SimProfile.ATTACKER;
      case REWRITER -> SimProfile.TEXT_ALIGNED; // a rewriter answers like a careful model
    };
    return helper.id();
  }

  /**
   * Served model name -> profile for every model and helper the simulator answers (an endpoint with url
   * {@code simulator}). Every {@code simulator-profile} of the config must be a profile (checked for every model,
   * simulated or not, so a typo never waits for a run that uses it); one served name cannot have two profiles.
   */
  public static Map<String, String> served(RunConfig config) {
    Map<String, String> served = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    List<ModelSpec> all = Stream.concat(config.models().stream(), config.helpers().stream()).toList();
    for (ModelSpec m : all) {
      String item = (m.role() == null ? "models[" : "helpers[") + m.name() + "]";
      String profile = profileOf(m);
      if (SimProfile.byId(profile).isEmpty()) {
        throw new ConfigException("Cannot use " + item + ": simulator-profile '" + profile + "' is not a simulator"
            + " profile (known: " + String.join(", ", names()) + ")"
            + (m.simulatorProfile() == null ? "; set simulator-profile for role " + m.role() : ""));
      }
      if (!SimulatorEndpoints.usesSimulator(m)) {
        continue;
      }
      String before = served.putIfAbsent(m.model(), profile);
      if (before != null && !before.equals(profile)) {
        throw new ConfigException("Cannot use " + item + ": served model name '" + m.model() + "' is already simulated"
            + " with profile " + before + " for " + owner.get(m.model()) + "; give one of them another model name");
      }
      owner.putIfAbsent(m.model(), item);
    }
    return served;
  }
}
