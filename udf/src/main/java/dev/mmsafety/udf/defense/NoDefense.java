package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.registry.ComponentType;
import java.util.concurrent.CompletableFuture;

/** The baseline axis value: the request goes to the model unchanged. */
public final class NoDefense implements Defense.Behaviour {
  static final ComponentType<Defense.Factory> TYPE =
      Defense.type("none", "1", "The request goes to the model unchanged (the baseline).", p -> new NoDefense());

  @Override
  public CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools) {
    return tools.target().call(request).thenApply(r -> new DefendedResponse(r, null));
  }
}
