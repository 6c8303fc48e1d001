package dev.mmsafety.udf.config;

import java.util.Map;

/**
 * One defense axis value.
 *
 * @param name defense name (see docs/defenses.md); {@code none} calls the model directly
 * @param label column value when one defense runs with different params (default: name)
 * @param params defense parameters, e.g. guard model name
 */
public record DefenseSpec(String name, String label, Map<String, Object> params) {
  public static final DefenseSpec NONE = new DefenseSpec("none", null, null);

  public DefenseSpec {
    label = label == null ? name : label;
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
