package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Described;
import dev.mmsafety.udf.registry.Descriptor;
import dev.mmsafety.udf.registry.Param;
import java.util.List;

/**
 * A configured attack: what it is ({@link Descriptor}, from its type's declaration and the resolved params) and
 * what it does ({@link Behaviour}). Made by {@link Attacks#create}.
 */
public record Attack(Descriptor descriptor, Attack.Behaviour behaviour) implements Described {
  /**
   * Turns one case into one probe. Implementations are stateless after construction (one instance per executor is
   * shared by all rows) and deterministic: the same case, params and {@link AttackContext#seed()} give
   * byte-identical images. Cases they cannot attack raise {@link AttackException}, which becomes a reject row.
   */
  @FunctionalInterface
  public interface Behaviour {
    ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException;
  }

  /** Makes an attack's behaviour from its params (read through {@link dev.mmsafety.udf.registry.Params}). */
  @FunctionalInterface
  public interface Factory {
    Behaviour create(dev.mmsafety.udf.registry.Params params);
  }

  /** Declares an attack type (each attack class holds one as {@code TYPE}). */
  static ComponentType<Factory> type(String name, String version, String doc, Factory factory, Param... params) {
    return new ComponentType<>("attack", name, version, doc, List.of(params), factory);
  }

  public ProbeDraft apply(CaseView c, AttackContext ctx) throws AttackException {
    return behaviour.apply(c, ctx);
  }
}
