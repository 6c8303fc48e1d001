package dev.mmsafety.udf.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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

/** Reads a YAML run config (kebab-case keys) and checks its structure; unknown keys are errors. */
public final class ConfigLoader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  public static RunConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("Cannot read config " + file + ": no such file");
    } catch (IOException e) {
      throw new ConfigException("Cannot read config " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  public static RunConfig parse(String yaml, String source) {
    RunConfig config;
    try {
      config = YAML.readValue(yaml, RunConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(
          "Cannot parse config " + source + ": unknown key '" + e.getPropertyName() + "' at " + path(e));
    } catch (JsonMappingException e) {
      String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
      throw new ConfigException("Cannot parse config " + source + ": " + firstLine(why) + " at " + path(e));
    } catch (JsonProcessingException e) {
      throw new ConfigException("Cannot parse config " + source + ": " + firstLine(e.getOriginalMessage()));
    }
    if (config == null) {
      throw new ConfigException("Cannot parse config " + source + ": empty");
    }
    validate(config, source);
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

  static void validate(RunConfig config, String source) {
    if (config.run() == null || config.run().output() == null || config.run().output().isBlank()) {
      throw new ConfigException("Cannot use config " + source + ": run.output is required");
    }
    if (config.datasets().isEmpty()) {
      throw new ConfigException("Cannot use config " + source + ": datasets is empty");
    }
    for (DatasetSpec d : config.datasets()) {
      require(d.benchmark(), "datasets[" + d.name() + "].benchmark", source);
      require(d.path(), "datasets[" + d.name() + "].path", source);
    }
    for (ModelSpec m : config.models()) {
      require(m.name(), "models[].name", source);
      if (m.endpoints().isEmpty()) {
        throw new ConfigException("Cannot use config " + source + ": models[" + m.name() + "].endpoints is empty");
      }
      for (EndpointSpec e : m.endpoints()) {
        require(e.name(), "models[" + m.name() + "].endpoints[].name", source);
        require(e.url(), "models[" + m.name() + "].endpoints[" + e.name() + "].url", source);
      }
      if (!List.of(ModelSpec.TRANSPORT_DATA_URL, ModelSpec.TRANSPORT_URI).contains(m.imageTransport())) {
        throw new ConfigException(
            "Cannot use config " + source + ": models[" + m.name() + "].image-transport '" + m.imageTransport()
                + "' is not data-url or uri");
      }
      try {
        m.imageSendPolicy();
      } catch (IllegalArgumentException e) {
        throw new ConfigException("Cannot use config " + source + ": models[" + m.name() + "]: " + e.getMessage());
      }
    }
    for (JudgeSpec j : config.judges()) {
      require(j.name(), "judges[].name", source);
      require(j.type(), "judges[" + j.name() + "].type", source);
    }
    unique(config.datasets(), DatasetSpec::name, "datasets", source);
    unique(config.models(), ModelSpec::name, "models", source);
    unique(config.attacks(), AttackSpec::label, "attacks", source);
    unique(config.defenses(), DefenseSpec::label, "defenses", source);
    unique(config.judges(), JudgeSpec::name, "judges", source);
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

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "malformed";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
