package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.model.ModelRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The baseline axis value: the request goes to the model unchanged. */
public final class NoDefense implements Defense {
  public static final String NAME = "none";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public Map<String, Object> params() {
    return Map.of();
  }

  @Override
  public CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools) {
    return tools.target().call(request).thenApply(r -> new DefendedResponse(r, null));
  }
}
