package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The simulator's behaviour profiles by name (docs/model-workers.md). Targets: {@code text-aligned} (default),
 * {@code robust}, {@code naive}; helpers: {@code judge}, {@code guard}, {@code caption}, {@code attacker}. A new target profile is one
 * {@link SimBehaviour} class and one line in {@link #PROFILES}.
 */
public final class SimProfiles {
  public static final String TEXT_ALIGNED = "text-aligned";
  public static final String ROBUST = "robust";
  public static final String NAIVE = "naive";
  public static final String JUDGE = "judge";
  public static final String GUARD = "guard";
  public static final String CAPTION = "caption";
  public static final String ATTACKER = "attacker";

  /** Profile name -> how to make it from the simulator settings (the behaviour knobs). */
  private static final Map<String, Function<SimulatorSpec, SimBehaviour>> PROFILES = profiles();

  private SimProfiles() {}

  private static Map<String, Function<SimulatorSpec, SimBehaviour>> profiles() {
    Map<String, Function<SimulatorSpec, SimBehaviour>> p = new LinkedHashMap<>();
    p.put(TEXT_ALIGNED, s -> new TargetBehaviour(TargetBehaviour.TEXT_ALIGNED, s.complianceShift()));
    p.put(ROBUST, s -> new TargetBehaviour(TargetBehaviour.ROBUST, s.complianceShift()));
    p.put(NAIVE, s -> new TargetBehaviour(TargetBehaviour.NAIVE, s.complianceShift()));
    p.put(JUDGE, s -> new JudgeProfile());
    p.put(GUARD, s -> new GuardProfile());
    p.put(CAPTION, s -> new CaptionProfile());
    p.put(ATTACKER, s -> new AttackerProfile());
    return java.util.Collections.unmodifiableMap(p);
  }

  public static List<String> names() {
    return List.copyOf(PROFILES.keySet());
  }

  /** The behaviour of profile {@code name}; IllegalArgumentException for a name that is not a profile. */
  public static SimBehaviour create(String name, SimulatorSpec spec) {
    Function<SimulatorSpec, SimBehaviour> make = PROFILES.get(name);
    if (make == null) {
      throw new IllegalArgumentException("unknown simulator profile '" + name + "' (known: " + String.join(", ", names())
          + ")");
    }
    return make.apply(spec);
  }

  /** The profile a model or helper gets when it names none: by helper role, else text-aligned. */
  public static String profileOf(ModelSpec m) {
    if (m.simulatorProfile() != null) {
      return m.simulatorProfile();
    }
    if (m.role() == null) {
      return TEXT_ALIGNED;
    }
    return switch (m.role()) {
      case ModelSpec.ROLE_GUARD -> GUARD;
      case ModelSpec.ROLE_JUDGE -> JUDGE;
      case ModelSpec.ROLE_CAPTION -> CAPTION;
      case ModelSpec.ROLE_ATTACKER -> ATTACKER;
      default -> TEXT_ALIGNED; // a rewriter answers like a careful model
    };
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
      if (!PROFILES.containsKey(profile)) {
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
