package dev.mmsafety.udf.registry;

import java.util.Map;

/**
 * What one configured attack, judge or defense is: the values its table columns record.
 *
 * @param name the instance's name (a judge's configured name; for attacks and defenses the registry name)
 * @param kind the registry name of its type (figstep, llm, ecso, ...)
 * @param version bumped whenever output for the same input changes
 * @param params parameters after defaults (attack_params and defense_params, as canonical JSON)
 * @param doc one line saying what it does
 */
public record Descriptor(String name, String kind, String version, Map<String, Object> params, String doc) {
  public Descriptor {
    params = Map.copyOf(params);
  }
}
