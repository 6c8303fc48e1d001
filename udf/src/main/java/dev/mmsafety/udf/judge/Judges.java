package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.LogisticHead;
import dev.mmsafety.udf.judge.classifier.RefusalClassifierJudge;
import dev.mmsafety.udf.judge.classifier.SentenceEncoder;
import dev.mmsafety.udf.judge.guard.GuardJudge;
import dev.mmsafety.udf.judge.llm.AnswerFormat;
import dev.mmsafety.udf.judge.llm.JudgeTemplate;
import dev.mmsafety.udf.judge.llm.JudgeTemplates;
import dev.mmsafety.udf.judge.llm.LlmJudge;
import dev.mmsafety.udf.judge.refusal.RefusalLists;
import dev.mmsafety.udf.judge.refusal.RefusalStringJudge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates judges from their config ({@code judges[]}: name, type, params). Types and their params:
 *
 * <ul>
 *   <li>{@code refusal-strings}: {@code list} (advbench, gcg, jailbreakv, vlguard, or NAME-normalized)
 *   <li>{@code llm}: {@code template} (built-in) or {@code template-file} + {@code answer}; {@code model},
 *       {@code url}, optional {@code api-key-env}, {@code with-image}, {@code max-tokens}, {@code context-key}
 *   <li>{@code guard}: {@code model}, {@code url}, optional {@code api-key-env}, {@code mode} (prompt or
 *       conversation), {@code with-image}, {@code max-tokens}
 *   <li>{@code classifier}: optional {@code head-file} (a head JSON made by the trainer)
 *   <li>{@code cascade}: {@code first} (a classifier judge's name), {@code then} (an llm or guard judge's name),
 *       optional {@code threshold} (default 0.9), {@code audit-rate} (default 0)
 * </ul>
 *
 * Unknown types, lists, templates or params are {@link ConfigException}s naming the judge.
 */
public final class Judges {
  public static final String REFUSAL_STRINGS = RefusalStringJudge.KIND;
  public static final String LLM = LlmJudge.KIND;
  public static final String GUARD = GuardJudge.KIND;
  public static final String CLASSIFIER = RefusalClassifierJudge.KIND;
  public static final String CASCADE = CascadeJudge.KIND;
  public static final int MAX_TOKENS_DEFAULT = 32;

  private static final Map<String, Set<String>> PARAMS =
      Map.of(
          REFUSAL_STRINGS, Set.of("list"),
          LLM, Set.of("template", "template-file", "answer", "model", "url", "api-key-env", "with-image",
              "max-tokens", "context-key"),
          GUARD, Set.of("model", "url", "api-key-env", "mode", "with-image", "max-tokens"),
          CLASSIFIER, Set.of("head-file"),
          CASCADE, Set.of("first", "then", "threshold", "audit-rate"));

  /** What remote judges need: how to make model callers, the inference settings, and how to read images. */
  public record Resources(JudgeCallers callers, InferenceSpec inference, ImageLoader images) {
    public Resources {
      inference = inference == null ? InferenceSpec.DEFAULT : inference;
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
    Set<String> allowed = PARAMS.get(spec.type());
    if (allowed == null) {
      throw new ConfigException(
          "Cannot create judge " + name + ": unknown type '" + spec.type()
              + "' (refusal-strings, llm, guard, classifier, cascade)");
    }
    for (String key : spec.params().keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(
            "Cannot create judge " + name + ": unknown param '" + key + "' for type " + spec.type() + " " + allowed);
      }
    }
    return switch (spec.type()) {
      case REFUSAL_STRINGS -> refusalStrings(spec);
      case LLM -> llm(spec, resources);
      case GUARD -> guard(spec, resources);
      case CLASSIFIER -> classifier(spec);
      default -> cascade(spec, all, resources);
    };
  }

  private static Judge refusalStrings(JudgeSpec spec) {
    String list = required(spec, "list");
    try {
      return new RefusalStringJudge(spec.name(), RefusalLists.get(list));
    } catch (ConfigException e) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": unknown refusal list '" + list
          + "'; known lists are " + RefusalLists.names());
    }
  }

  private static Judge llm(JudgeSpec spec, Resources resources) {
    String template = string(spec, "template", null);
    String file = string(spec, "template-file", null);
    Map<String, JudgeTemplate> templates;
    if ((template == null) == (file == null)) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": give exactly one of template, template-file");
    }
    if (template != null) {
      templates = JudgeTemplates.builtIn(template, spec.name());
    } else {
      AnswerFormat format = AnswerFormat.of(required(spec, "answer"), spec.name());
      templates = Map.of(file, JudgeTemplates.file(Path.of(file), format));
    }
    ModelSpec model = judgeModel(spec);
    Object contextKey = spec.params().get("context-key");
    List<String> contextKeys =
        contextKey == null ? LlmJudge.CONTEXT_KEYS_DEFAULT
            : contextKey instanceof List<?> l ? l.stream().map(String::valueOf).toList()
            : List.of(String.valueOf(contextKey));
    return new LlmJudge(
        spec.name(), templates, model.model(), model.generation(), bool(spec, "with-image"), contextKeys,
        lazyCaller(model, resources), resources.images());
  }

  private static Judge guard(JudgeSpec spec, Resources resources) {
    String mode = string(spec, "mode", GuardJudge.MODE_PROMPT);
    if (!mode.equals(GuardJudge.MODE_PROMPT) && !mode.equals(GuardJudge.MODE_CONVERSATION)) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": mode '" + mode
          + "' is not prompt or conversation");
    }
    ModelSpec model = judgeModel(spec);
    return new GuardJudge(spec.name(), model.model(), mode, bool(spec, "with-image"), model.generation(),
        lazyCaller(model, resources), resources.images());
  }

  private static Judge classifier(JudgeSpec spec) {
    String file = string(spec, "head-file", null);
    LogisticHead head;
    if (file == null) {
      head = LogisticHead.shipped();
    } else {
      try {
        head = LogisticHead.fromJson(Files.readString(Path.of(file), StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("Cannot create judge " + spec.name() + ": cannot read head-file " + file + ": "
            + e.getMessage());
      }
    }
    return new RefusalClassifierJudge(spec.name(), head, SentenceEncoder::shared);
  }

  private static Judge cascade(JudgeSpec spec, Map<String, JudgeSpec> all, Resources resources) {
    String firstName = required(spec, "first");
    String thenName = required(spec, "then");
    JudgeSpec first = all.get(firstName);
    JudgeSpec then = all.get(thenName);
    if (first == null || !CLASSIFIER.equals(first.type())) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": first '" + firstName
          + "' is not a classifier judge of this config");
    }
    if (then == null || !(LLM.equals(then.type()) || GUARD.equals(then.type()))) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": then '" + thenName
          + "' is not an llm or guard judge of this config");
    }
    double threshold = number(spec, "threshold", CascadeJudge.THRESHOLD_DEFAULT);
    double audit = number(spec, "audit-rate", 0);
    if (threshold < 0.5 || threshold > 1 || audit < 0 || audit > 1) {
      throw new ConfigException("Cannot create judge " + spec.name()
          + ": threshold must be in [0.5, 1] and audit-rate in [0, 1]");
    }
    return new CascadeJudge(spec.name(), (RefusalClassifierJudge) create(first, all, resources),
        create(then, all, resources), threshold, audit);
  }

  /** The judge model as a one-endpoint model spec (the shape the model clients take). */
  public static ModelSpec judgeModel(JudgeSpec spec) {
    String model = required(spec, "model");
    String url = required(spec, "url");
    if (!url.startsWith("http://") && !url.startsWith("https://") && !EndpointSpec.SIMULATOR_URL.equals(url)) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": url '" + url
          + "' is not an http(s) URL or simulator");
    }
    int maxTokens = (int) number(spec, "max-tokens", MAX_TOKENS_DEFAULT);
    GenerationSpec generation = new GenerationSpec(0.0, null, maxTokens, null, null);
    return new ModelSpec(spec.name(), model, List.of(new EndpointSpec(spec.name(), url, null, null)),
        string(spec, "api-key-env", null), ModelSpec.TRANSPORT_DATA_URL, null, generation);
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

  private static String required(JudgeSpec spec, String key) {
    String value = string(spec, key, null);
    if (value == null || value.isBlank()) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": param " + key + " is required for type "
          + spec.type());
    }
    return value;
  }

  private static String string(JudgeSpec spec, String key, String fallback) {
    Object value = spec.params().get(key);
    return value == null ? fallback : String.valueOf(value);
  }

  private static boolean bool(JudgeSpec spec, String key) {
    Object value = spec.params().get(key);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if ("true".equals(value.toString()) || "false".equals(value.toString())) {
      return Boolean.parseBoolean(value.toString());
    }
    throw new ConfigException("Cannot create judge " + spec.name() + ": param " + key + " must be true or false");
  }

  private static double number(JudgeSpec spec, String key, double fallback) {
    Object value = spec.params().get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
    } catch (NumberFormatException e) {
      throw new ConfigException("Cannot create judge " + spec.name() + ": param " + key + " is not a number: "
          + value);
    }
  }
}
