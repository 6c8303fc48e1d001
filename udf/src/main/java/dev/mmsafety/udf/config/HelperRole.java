package dev.mmsafety.udf.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a helper model is for ({@code helpers[].role}), in documentation order; the config value is {@link #id()}. */
public enum HelperRole {
  GUARD,
  JUDGE,
  CAPTION,
  ATTACKER,
  REWRITER;

  private static final List<String> IDS = Arrays.stream(values()).map(HelperRole::id).toList();

  /** The config value: the name in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every role's config value, in documentation order. */
  public static List<String> ids() {
    return IDS;
  }

  /** The role whose config value is {@code id}, or null when there is none. */
  public static HelperRole of(String id) {
    int i = id == null ? -1 : IDS.indexOf(id);
    return i < 0 ? null : values()[i];
  }
}
