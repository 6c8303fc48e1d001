package dev.mmsafety.udf.sim;

import dev.mmsafety.udf.config.SimulatorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The simulator's behaviour profiles (docs/model-workers.md), each with the name configs use for it
 * ({@code simulator-profile}) and how to make its {@link SimBehaviour} from the simulator settings. A target
 * profile is a {@link TargetBehaviour.Policy} and reads the behaviour knobs; a helper profile is a behaviour class
 * of its own and ignores them. A new profile is one constant here (and a Policy or SimBehaviour class).
 */
public enum SimProfile {
  /** The default target: aligned on text, not on images ({@link TargetBehaviour#TEXT_ALIGNED}). */
  TEXT_ALIGNED("text-aligned", TargetBehaviour.TEXT_ALIGNED),
  /** A target that refuses nearly every harmful request ({@link TargetBehaviour#ROBUST}). */
  ROBUST("robust", TargetBehaviour.ROBUST),
  /** A target that complies with almost everything ({@link TargetBehaviour#NAIVE}). */
  NAIVE("naive", TargetBehaviour.NAIVE),
  /** Helper: the LLM judge. */
  JUDGE("judge", JudgeProfile::new),
  /** Helper: the input/output guard. */
  GUARD("guard", GuardProfile::new),
  /** Helper: the image captioner. */
  CAPTION("caption", CaptionProfile::new),
  /** Helper: the adaptive attacker. */
  ATTACKER("attacker", AttackerProfile::new);

  private static final Map<String, SimProfile> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SimProfile::id, p -> p));
  private static final List<String> IDS = Arrays.stream(values()).map(SimProfile::id).toList();

  private final String id;
  private final Function<SimulatorSpec, SimBehaviour> make;

  SimProfile(String id, TargetBehaviour.Policy policy) {
    this.id = id;
    this.make = spec -> new TargetBehaviour(policy, spec.complianceShift());
  }

  SimProfile(String id, Supplier<SimBehaviour> helper) {
    this.id = id;
    this.make = spec -> helper.get();
  }

  /** The profile's name in a config ({@code simulator-profile}). */
  public String id() {
    return id;
  }

  /** A behaviour of this profile with the knobs of {@code spec}. */
  public SimBehaviour create(SimulatorSpec spec) {
    return make.apply(spec);
  }

  /** The profile named {@code id}, if any. */
  public static Optional<SimProfile> byId(String id) {
    return Optional.ofNullable(id == null ? null : BY_ID.get(id));
  }

  /** Every profile's name, in declaration order. */
  public static List<String> ids() {
    return IDS;
  }
}
