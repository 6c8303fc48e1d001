package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.registry.Param;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What a benchmark loader is, declared once in its class: registry name, the published layout it reads (one line),
 * the options it accepts besides {@link LoaderOptions#COMMON}, how to make one, and the variants it emits with
 * their {@link VariantKinds kind}. The registry ({@link Benchmarks}) and the option table of
 * docs/benchmarks-formats.md read these.
 *
 * @param variants variant name to kind, in documentation order; a name ending in {@code *} matches by prefix
 *     (HADES' {@code step-*}); empty for loaders whose variants the config names (generic)
 */
public record LoaderType(
    String name, String layout, List<Param> options, Supplier<BenchmarkLoader> factory, Map<String, String> variants) {
  public LoaderType {
    options = List.copyOf(options);
    variants = variants == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
  }

  public static LoaderType of(String name, String layout, Supplier<BenchmarkLoader> factory, Param... options) {
    return new LoaderType(name, layout, List.of(options), factory, Map.of());
  }

  /** This type with its variants declared as name, kind, name, kind, ... */
  public LoaderType withVariants(String... nameKindPairs) {
    Map<String, String> declared = new LinkedHashMap<>();
    for (int i = 0; i + 1 < nameKindPairs.length; i += 2) {
      if (!VariantKinds.ALL.contains(nameKindPairs[i + 1])) {
        throw new IllegalArgumentException("Invalid variant kind " + nameKindPairs[i + 1] + " for " + nameKindPairs[i]);
      }
      declared.put(nameKindPairs[i], nameKindPairs[i + 1]);
    }
    return new LoaderType(name, layout, options, factory, declared);
  }

  /** Option keys this loader accepts (besides {@link LoaderOptions#COMMON}). */
  public Set<String> optionKeys() {
    return options.stream().map(Param::key).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether {@code variant} is one this loader declares (always true for loaders that declare none). */
  public boolean hasVariant(String variant) {
    return variants.isEmpty() || declaredKind(variant) != null;
  }

  /** The kind of a case of this variant: the declared one, else image or text by whether the case has an image. */
  public String variantKind(String variant, boolean hasImage) {
    String declared = declaredKind(variant);
    return declared != null ? declared : hasImage ? VariantKinds.IMAGE : VariantKinds.TEXT;
  }

  private String declaredKind(String variant) {
    if (variant == null) {
      return null;
    }
    String exact = variants.get(variant);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> e : variants.entrySet()) {
      String key = e.getKey();
      if (key.endsWith("*") && variant.startsWith(key.substring(0, key.length() - 1))) {
        return e.getValue();
      }
    }
    return null;
  }
}
