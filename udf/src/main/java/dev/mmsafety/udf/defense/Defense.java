package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Described;
import dev.mmsafety.udf.registry.Descriptor;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A configured inference-time defense standing in front of the model under test: what it is ({@link Descriptor})
 * and what it does ({@link Behaviour}). Made by {@link Defenses#create}; one instance per executor is reused.
 */
public record Defense(Descriptor descriptor, Defense.Behaviour behaviour) implements Described {
  /** Answers one request, calling the model under test (and other models) through {@link DefenseTools}. */
  @FunctionalInterface
  public interface Behaviour {
    CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools);

    /** Names of the other configured models this defense calls (guards, rewriters), checked before a run. */
    default List<String> models() {
      return List.of();
    }
  }

  /** Makes a defense's behaviour from its params. */
  @FunctionalInterface
  public interface Factory {
    Behaviour create(Params params);
  }

  /** Declares a defense type (each defense class holds one as {@code TYPE}). */
  static ComponentType<Factory> type(String name, String version, String doc, Factory factory, Param... params) {
    return new ComponentType<>("defense", name, version, doc, List.of(params), factory);
  }

  public CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools) {
    return behaviour.respond(request, tools);
  }
}
