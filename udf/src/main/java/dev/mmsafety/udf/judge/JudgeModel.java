package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;

/** The params of a judge that calls a model (llm, guard), and the one-endpoint model spec they make. */
public final class JudgeModel {
  public static final int MAX_TOKENS_DEFAULT = 32;

  /** Declared by every model-calling judge type. */
  public static final List<Param> PARAMS =
      List.of(
          Param.required("model", "the judge model's name on the server"),
          Param.required("url", "the OpenAI-compatible base URL (http(s)://.../v1), or simulator"),
          Param.string("api-key-env", null, "NAME of the environment variable holding the API key"),
          Param.bool("with-image", false, "send the probe's first image along"),
          Param.integer("max-tokens", MAX_TOKENS_DEFAULT, 1, Integer.MAX_VALUE, "longest judge answer, in tokens"));

  private JudgeModel() {}

  /** The judge model as a one-endpoint model spec (the shape the model clients take); temperature 0. */
  public static ModelSpec spec(Params p) {
    String name = p.label();
    String model = p.required("model");
    String url = p.required("url");
    if (!url.startsWith("http://") && !url.startsWith("https://") && !EndpointSpec.SIMULATOR_URL.equals(url)) {
      throw p.bad("url", "'" + url + "' is not an http(s) URL or simulator");
    }
    GenerationSpec generation = new GenerationSpec(0.0, null, p.integer("max-tokens"), null, null);
    return new ModelSpec(name, model, List.of(new EndpointSpec(name, url, null, null)), p.string("api-key-env"),
        ModelSpec.TRANSPORT_DATA_URL, null, generation);
  }

  /** Declared params of a model-calling judge: its own, then {@link #PARAMS}. */
  public static List<Param> with(Param... own) {
    List<Param> all = new java.util.ArrayList<>(List.of(own));
    all.addAll(PARAMS);
    return List.copyOf(all);
  }
}
