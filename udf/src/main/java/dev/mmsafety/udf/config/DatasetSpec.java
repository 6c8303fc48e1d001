package dev.mmsafety.udf.config;

import java.util.Map;

/**
 * One dataset to load.
 *
 * @param name unique name in this config (the {@code dataset} column)
 * @param benchmark loader name: figstep, mm-safetybench, jailbreakv-28k, hades, vlguard, mossbench, siuo,
 *     harmbench-mm, xstest, generic
 * @param path dataset root (Hadoop URI or local path)
 * @param limit keep at most this many cases (in native order), null = all
 * @param options loader-specific options (e.g. variants, split, field mapping for generic)
 */
public record DatasetSpec(
    String name, String benchmark, String path, Integer limit, Map<String, Object> options) {
  public DatasetSpec {
    options = options == null ? Map.of() : Map.copyOf(options);
    name = name == null ? benchmark : name;
  }
}
