package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.RefusalClassifierJudge;
import dev.mmsafety.udf.judge.guard.GuardJudge;
import dev.mmsafety.udf.judge.llm.LlmJudge;
import dev.mmsafety.udf.judge.refusal.RefusalStringJudge;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Descriptor;
import dev.mmsafety.udf.registry.Params;
import dev.mmsafety.udf.registry.Registry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Creates judges from their config ({@code judges[]}: name, type, params). Each judge type declares its params
 * once ({@code TYPE} in its class; docs/judges.md lists them); this registry reads those declarations. Unknown
 * types, lists, templates or params are {@link ConfigException}s naming the judge.
 */
public final class Judges {
  public static final String REFUSAL_STRINGS = RefusalStringJudge.KIND;
  public static final String LLM = LlmJudge.KIND;
  public static final String GUARD = GuardJudge.KIND;
  public static final String CLASSIFIER = RefusalClassifierJudge.KIND;
  public static final String CASCADE = CascadeJudge.KIND;
  public static final int MAX_TOKENS_DEFAULT = JudgeModel.MAX_TOKENS_DEFAULT;

  /** Every judge type, in documentation order. */
  public static final Registry<Judge.Factory> REGISTRY =
      new Registry<>(
          "judge",
          "type",
          List.of(RefusalStringJudge.TYPE, LlmJudge.TYPE, GuardJudge.TYPE, RefusalClassifierJudge.TYPE, CascadeJudge.TYPE));

  /**
   * What remote judges need: how to make model callers, the inference settings, how to read images, and the
   * config's helper models (judges name them with {@code helper}).
   */
  public record Resources(JudgeCallers callers, InferenceSpec inference, ImageLoader images, List<ModelSpec> helpers) {
    public Resources {
      inference = inference == null ? InferenceSpec.DEFAULT : inference;
      helpers = helpers == null ? List.of() : List.copyOf(helpers);
    }

    /** Resources without helpers (judges then use the model + url shorthand). */
    public Resources(JudgeCallers callers, InferenceSpec inference, ImageLoader images) {
      this(callers, inference, images, null);
    }
  }

  private Judges() {}

  /** Creates every judge in order (a cascade may name judges defined anywhere in the list). */
  public static Map<String, Judge> createAll(List<JudgeSpec> specs, Resources resources) {
    return createAll(specs, specs, resources);
  }

  /**
   * Creates the judges {@code specs}; a cascade's stages are looked up in {@code pool} (e.g. all judges of the
   * config), so a cascade can run without running its stages as judges of their own.
   */
  public static Map<String, Judge> createAll(List<JudgeSpec> specs, List<JudgeSpec> pool, Resources resources) {
    Map<String, JudgeSpec> byName = new LinkedHashMap<>();
    pool.forEach(s -> byName.put(s.name(), s));
    specs.forEach(s -> byName.put(s.name(), s));
    Map<String, Judge> judges = new LinkedHashMap<>();
    for (JudgeSpec spec : specs) {
      judges.put(spec.name(), create(spec, byName, resources));
    }
    return judges;
  }

  /** Creates one judge; {@code all} resolves the names a cascade refers to. */
  public static Judge create(JudgeSpec spec, Map<String, JudgeSpec> all, Resources resources) {
    String name = spec.name();
    if (name == null || name.isBlank()) {
      throw new ConfigException("Cannot create judge: name is missing");
    }
    ComponentType<Judge.Factory> type = REGISTRY.find(name, spec.type());
    return type.factory().create(type.reader(name, spec.params()), new Context(type, all, resources));
  }

  /** What a judge factory may use besides its params. */
  public record Context(ComponentType<Judge.Factory> type, Map<String, JudgeSpec> all, Resources resources) {
    /** The judge's descriptor; call once every param has been read (unknown params fail here). */
    public Descriptor describe(Params params) {
      return type.describe(params.label(), params.done());
    }

    /** A caller for the judge model, made on first use. */
    public ModelCaller caller(ModelSpec model) {
      resources.callers().declared(model);
      return lazyCaller(model, resources);
    }

    public ImageLoader images() {
      return resources.images();
    }

    /** The declared helper called {@code name}, or null. */
    public ModelSpec helper(String name) {
      return resources.helpers().stream().filter(h -> h.name().equals(name)).findFirst().orElse(null);
    }

    public List<String> helperNames() {
      return resources.helpers().stream().map(ModelSpec::name).sorted().toList();
    }

    /** The judge {@code name} of this config, if it has one of the given types; else null. */
    public JudgeSpec stage(String name, String... types) {
      JudgeSpec stage = all.get(name);
      return stage != null && List.of(types).contains(stage.type()) ? stage : null;
    }

    /** Creates another judge of this config (a cascade's stage). */
    public Judge create(JudgeSpec stage) {
      return Judges.create(stage, all, resources);
    }
  }

  /** Callers are made on first use, so creating judges on the driver to validate config opens no connection. */
  private static dev.mmsafety.udf.model.ModelCaller lazyCaller(ModelSpec model, Resources resources) {
    Supplier<dev.mmsafety.udf.model.ModelCaller> made =
        new Supplier<>() {
          private dev.mmsafety.udf.model.ModelCaller caller;

          @Override
          public synchronized dev.mmsafety.udf.model.ModelCaller get() {
            if (caller == null) {
              caller = resources.callers().create(model, resources.inference());
            }
            return caller;
          }
        };
    return request -> made.get().call(request);
  }
}
