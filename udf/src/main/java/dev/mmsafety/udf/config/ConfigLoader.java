package dev.mmsafety.udf.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a YAML run config (kebab-case keys) and checks its structure; unknown keys are errors. {@link Use} says
 * what the config is for: a run needs run.output and datasets, judging only judges.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  /**
   * What a config is read for. A run needs its output and datasets; judging an existing responses table needs
   * only judges (the output comes from the command line, models and datasets may be absent).
   */
  public enum Use {
    RUN,
    JUDGE
  }

  public static RunConfig load(Path file) {
    return load(file, Use.RUN);
  }

  public static RunConfig load(Path file, Use use) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Cannot read config " + file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException("Cannot read config " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), use);
  }

  public static RunConfig parse(String yaml, String source) {
    return parse(yaml, source, Use.RUN);
  }

  public static RunConfig parse(String yaml, String source, Use use) {
    RunConfig config;
    try {
      config = YAML.readValue(yaml, RunConfig.class);
    } catch (JsonProcessingException e) {
      if (e instanceof UnrecognizedPropertyException u && "refusal-rate".equals(u.getPropertyName())) {
        throw new ConfigException("Cannot parse config " + source + ": simulator.refusal-rate is gone: the simulator"
            + " now behaves like a model (models[].simulator-profile: text-aligned, robust or naive) and"
            + " simulator.compliance-shift moves every profile's compliance (docs/model-workers.md)");
      }
      throw new ConfigException("Cannot parse config " + source + ": " + YamlErrors.describe(e, yaml));
    }
    if (config == null) {
      throw new ConfigException("Cannot parse config " + source + ": empty");
    }
    config = HelperSpecs.expandJudgeShorthand(config, source);
    validate(config, source, use);
    return config;
  }

  /** The config as JSON with the same key style, for hashing and the runs table (holds no secrets). */
  public static String toJson(RunConfig config) {
    try {
      return new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write config as JSON", e);
    }
  }

  static void validate(RunConfig config, String source, Use use) {
    if (use == Use.RUN) {
      if (config.run() == null || config.run().output() == null || config.run().output().isBlank()) {
        throw new ConfigException("Cannot use config " + source + ": run.output is required");
      }
      if (config.datasets().isEmpty()) {
        throw new ConfigException("Cannot use config " + source + ": datasets is empty");
      }
    } else if (config.judges().isEmpty()) {
      throw new ConfigException("Cannot use config " + source + ": judges is empty (judging needs at least one)");
    }
    for (DatasetSpec d : config.datasets()) {
      require(d.benchmark(), "datasets[" + d.name() + "].benchmark", source);
      require(d.path(), "datasets[" + d.name() + "].path", source);
    }
    for (ModelSpec m : config.models()) {
      validateModel(m, "models", source);
      if (m.role() != null) {
        throw new ConfigException("Cannot use config " + source + ": models[" + m.name() + "].role is set, but models:"
            + " are the models under test; declare guards, judges, captioners, attackers and rewriters under helpers:");
      }
      try {
        m.imageSendPolicy();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("Cannot use config " + source + ": models[" + m.name() + "]: " + e.getMessage());
      }
    }
    for (ModelSpec h : config.helpers()) {
      validateModel(h, "helpers", source);
      if (h.role() == null || HelperRole.of(h.role()) == null) {
        throw new ConfigException("Cannot use config " + source + ": helpers[" + h.name() + "].role "
            + (h.role() == null ? "is required (one of " : "'" + h.role() + "' is not one of (")
            + String.join(", ", HelperRole.ids()) + ")");
      }
    }
    validateInference(config.inference(), source);
    for (JudgeSpec j : config.judges()) {
      require(j.name(), "judges[].name", source);
      require(j.type(), "judges[" + j.name() + "].type", source);
    }
    unique(config.datasets(), DatasetSpec::name, "datasets", source);
    unique(config.models(), ModelSpec::name, "models", source);
    unique(config.helpers(), ModelSpec::name, "helpers", source);
    for (ModelSpec h : config.helpers()) {
      if (config.models().stream().anyMatch(m -> m.name().equals(h.name()))) {
        throw new ConfigException("Cannot use config " + source + ": name '" + h.name()
            + "' is declared in both models and helpers (a helper is never a model under test; rename one)");
      }
    }
    HelperSpecs.checkReferences(config, source);
    unique(config.attacks(), AttackSpec::label, "attacks", source);
    unique(config.defenses(), DefenseSpec::label, "defenses", source);
    unique(config.judges(), JudgeSpec::name, "judges", source);
  }

  /** Generation parameters against the protocol's ranges, so nothing out of range is ever sent. */
  public static void checkGeneration(String key, GenerationSpec generation, String source) {
    List<String> problems = generation.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException("Cannot use config " + source + ": " + key + "." + problems.get(0));
    }
  }

  private static void validateInference(InferenceSpec inference, String source) {
    if (!List.of(InferenceSpec.CACHE_SCOPE_RUN, InferenceSpec.CACHE_SCOPE_REVISION).contains(inference.cacheScope())) {
      throw new ConfigException("Cannot use config " + source + ": inference.cache-scope '" + inference.cacheScope()
          + "' is not run or revision");
    }
    positiveCap(inference.maxRequests(), "inference.max-requests", source);
    positiveCap(inference.maxTokens(), "inference.max-tokens", source);
  }

  private static void positiveCap(Long cap, String key, String source) {
    if (cap != null && cap < 1) {
      throw new ConfigException("Cannot use config " + source + ": " + key + " is " + cap
          + "; a cap must be at least 1 (leave it out for no cap)");
    }
  }

  /** The checks models under test and helpers share; {@code list} is models or helpers. */
  private static void validateModel(ModelSpec m, String list, String source) {
    require(m.name(), list + "[].name", source);
    String item = list + "[" + m.name() + "]";
    if (m.endpoints().isEmpty()) {
      throw new ConfigException("Cannot use config " + source + ": " + item + ".endpoints is empty");
    }
    for (EndpointSpec e : m.endpoints()) {
      require(e.name(), item + ".endpoints[].name", source);
      require(e.url(), item + ".endpoints[" + e.name() + "].url", source);
      if (!e.isSimulator() && !e.url().startsWith("http://") && !e.url().startsWith("https://")) {
        throw new ConfigException("Cannot use config " + source + ": " + item + ".endpoints[" + e.name() + "].url '"
            + e.url() + "' is not an http(s) URL or simulator");
      }
    }
    if (!ModelSpec.TRANSPORTS.contains(m.imageTransport())) {
      throw new ConfigException(
          "Cannot use config " + source + ": " + item + ".image-transport '" + m.imageTransport()
              + "' is not one of " + String.join(", ", ModelSpec.TRANSPORTS));
    }
    checkGeneration(item + ".generation", m.generation(), source);
    if (m.revision() != null && m.revision().isBlank()) {
      throw new ConfigException("Cannot use config " + source + ": " + item
          + ".revision is empty (leave it out, or give the checkpoint hash or image tag that answers)");
    }
  }

  private static void require(String value, String key, String source) {
    if (value == null || value.isBlank()) {
      throw new ConfigException("Cannot use config " + source + ": " + key + " is required");
    }
  }

  private static <T> void unique(List<T> items, Function<T, String> name, String key, String source) {
    Set<String> seen = new HashSet<>();
    Set<String> dupes =
        items.stream().map(name).filter(n -> !seen.add(n)).collect(Collectors.toCollection(java.util.TreeSet::new));
    if (!dupes.isEmpty()) {
      throw new ConfigException("Cannot use config " + source + ": duplicate " + key + " name(s) " + dupes);
    }
  }

}
