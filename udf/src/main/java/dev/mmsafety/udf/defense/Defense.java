package dev.mmsafety.udf.defense;

import dev.mmsafety.udf.model.ModelRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An inference-time defense standing in front of the model under test. One instance per executor is reused. */
public interface Defense {
  String name();

  String version();

  /** Parameters as given (after defaults), for the defense_params column. */
  Map<String, Object> params();

  CompletableFuture<DefendedResponse> respond(ModelRequest request, DefenseTools tools);
}
