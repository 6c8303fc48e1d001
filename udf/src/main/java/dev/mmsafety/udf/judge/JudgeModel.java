package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.HelperSpecs;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.util.List;

/**
 * The params of a judge that calls a model (llm, guard), and the model spec they resolve to: a declared helper
 * named by {@code helper}, or the inline {@code model} + {@code url} shorthand (an implicit helper named after the
 * judge; the config loader turns it into a declared one).
 */
public final class JudgeModel {
  public static final int MAX_TOKENS_DEFAULT = 32;

  /** Declared by every model-calling judge type. */
  public static final List<Param> PARAMS =
      List.of(
          Param.helper(HelperSpecs.HELPER_PARAM, false, "the judge model: a helper's name (helpers:)"),
          Param.string("model", null, "shorthand instead of helper: the judge model's name on the server"),
          Param.string("url", null, "shorthand: the OpenAI-compatible base URL (http(s)://.../v1), or simulator"),
          Param.string("api-key-env", null, "shorthand: NAME of the environment variable holding the API key"),
          Param.bool("with-image", false, "send the probe's first image along"),
          Param.integer("max-tokens", MAX_TOKENS_DEFAULT, 1, Integer.MAX_VALUE, "longest judge answer, in tokens"));

  private JudgeModel() {}

  /**
   * The judge model: the helper {@code helper} names, or the shorthand's implicit helper; either way with the
   * judge's own generation settings (temperature 0, {@code max-tokens}).
   */
  public static ModelSpec spec(Params p, Judges.Context context) {
    String helper = p.string(HelperSpecs.HELPER_PARAM);
    String model = p.string("model");
    String url = p.string("url");
    String apiKeyEnv = p.string("api-key-env");
    GenerationSpec generation = new GenerationSpec(0.0, null, p.integer("max-tokens"), null, null);
    if (helper != null) {
      if (model != null || url != null || apiKeyEnv != null) {
        throw p.fail("give helper, or the model + url shorthand, not both");
      }
      ModelSpec declared = context.helper(helper);
      if (declared == null) {
        throw p.bad(HelperSpecs.HELPER_PARAM, "names '" + helper + "', which is not declared under helpers: (declared: "
            + (context.helperNames().isEmpty() ? "none" : String.join(", ", context.helperNames())) + ")");
      }
      return declared.with(b -> b.generation = generation);
    }
    if (model == null || model.isBlank()) {
      throw p.bad("model", "is required (or name a helper with helper:)");
    }
    if (url == null || url.isBlank()) {
      throw p.bad("url", "is required (or name a helper with helper:)");
    }
    if (!url.startsWith("http://") && !url.startsWith("https://") && !EndpointSpec.SIMULATOR_URL.equals(url)) {
      throw p.bad("url", "'" + url + "' is not an http(s) URL or simulator");
    }
    return HelperSpecs.fromJudgeShorthand(p.label(), context.type().name(), model, url, apiKeyEnv)
        .with(b -> b.generation = generation);
  }

  /** Declared params of a model-calling judge: its own, then {@link #PARAMS}. */
  public static List<Param> with(Param... own) {
    List<Param> all = new java.util.ArrayList<>(List.of(own));
    all.addAll(PARAMS);
    return List.copyOf(all);
  }
}
