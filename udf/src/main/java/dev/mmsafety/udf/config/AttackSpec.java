package dev.mmsafety.udf.config;

import java.util.List;
import java.util.Map;

/**
 * One attack axis value.
 *
 * @param name attack name (see docs/attacks.md); {@code none} sends the case as it is
 * @param label column value when the same attack runs with different params (default: name)
 * @param benchmarks benchmarks this attack applies to; empty = all
 * @param variants variants (of those benchmarks) it applies to; empty = the attack's default variant kinds
 * @param params attack parameters (validated by the attack)
 * @param seed seed override; null = derived from run seed and case id
 */
public record AttackSpec(
    String name, String label, List<String> benchmarks, Map<String, Object> params, Long seed,
    List<String> variants) {
  public static final AttackSpec NONE = new AttackSpec("none", null, null, null, null);

  public AttackSpec {
    label = label == null ? name : label;
    benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
    params = params == null ? Map.of() : Map.copyOf(params);
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  public AttackSpec(String name, String label, List<String> benchmarks, Map<String, Object> params, Long seed) {
    this(name, label, benchmarks, params, seed, null);
  }

  public boolean appliesTo(String benchmark) {
    return benchmarks.isEmpty() || benchmarks.contains(benchmark);
  }
}
