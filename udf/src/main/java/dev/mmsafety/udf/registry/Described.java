package dev.mmsafety.udf.registry;

import java.util.Map;

/** Anything made from a type declaration: its {@link Descriptor}, and the columns it gives to the tables. */
public interface Described {
  Descriptor descriptor();

  /** The instance's name (a judge's configured name; an attack's or defense's registry name). */
  default String name() {
    return descriptor().name();
  }

  /** The registry name of its type (figstep, llm, ecso, ...). */
  default String kind() {
    return descriptor().kind();
  }

  /** Bumped whenever output for the same input changes. */
  default String version() {
    return descriptor().version();
  }

  /** Parameters after defaults (attack_params, defense_params). */
  default Map<String, Object> params() {
    return descriptor().params();
  }
}
