package dev.mmsafety.udf.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Config records are not Serializable, so Spark closures carry them as JSON (the config's own kebab-case form)
 * and executors parse each distinct string once per JVM.
 */
final class InferenceSpecs {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final Map<String, Object> PARSED = new ConcurrentHashMap<>();

  private InferenceSpecs() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write inference settings as JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<ModelSpec> models(String json) {
    return (List<ModelSpec>) PARSED.computeIfAbsent("m" + json, k -> read(json, new TypeReference<List<ModelSpec>>() {}));
  }

  @SuppressWarnings("unchecked")
  static List<DefenseSpec> defenses(String json) {
    return (List<DefenseSpec>) PARSED.computeIfAbsent("d" + json,
        k -> read(json, new TypeReference<List<DefenseSpec>>() {}));
  }

  static InferenceSpec inference(String json) {
    return (InferenceSpec) PARSED.computeIfAbsent("i" + json, k -> read(json, new TypeReference<InferenceSpec>() {}));
  }

  private static <T> T read(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read inference settings: " + e.getOriginalMessage(), e);
    }
  }
}
