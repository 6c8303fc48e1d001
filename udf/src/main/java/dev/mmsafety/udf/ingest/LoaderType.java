package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.registry.Param;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a benchmark loader is, declared once in its class: registry name, the published layout it reads (one line),
 * the options it accepts besides {@link LoaderOptions#COMMON}, and how to make one. The registry
 * ({@link Benchmarks}) and the option table of docs/benchmarks-formats.md read these.
 */
public record LoaderType(String name, String layout, List<Param> options, Supplier<BenchmarkLoader> factory) {
  public LoaderType {
    options = List.copyOf(options);
  }

  public static LoaderType of(String name, String layout, Supplier<BenchmarkLoader> factory, Param... options) {
    return new LoaderType(name, layout, List.of(options), factory);
  }

  /** Option keys this loader accepts (besides {@link LoaderOptions#COMMON}). */
  public Set<String> optionKeys() {
    return options.stream().map(Param::key).collect(Collectors.toUnmodifiableSet());
  }
}
