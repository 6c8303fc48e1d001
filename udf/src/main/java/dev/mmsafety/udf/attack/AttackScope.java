package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.ingest.Benchmarks;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.ingest.VariantKinds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which cases one configured attack applies to: the benchmarks its spec names (all when none) and, within them,
 * the variants its spec names, else the variants whose {@link VariantKinds kind} the attack declares by default
 * ({@link Attacks#defaultVariantKinds}): FigStep on text variants, query-relevant on plain images (never on a
 * variant that already carries a banner), none on all.
 */
public record AttackScope(AttackSpec spec, List<String> defaultKinds) {
  public AttackScope {
    defaultKinds = List.copyOf(defaultKinds);
  }

  public static AttackScope of(AttackSpec spec) {
    return new AttackScope(spec, Attacks.defaultVariantKinds(spec.name()));
  }

  public boolean applies(String benchmark, String variant, boolean hasImage) {
    if (!spec.appliesTo(benchmark)) {
      return false;
    }
    if (!spec.variants().isEmpty()) {
      return spec.variants().contains(variant);
    }
    return defaultKinds.contains(kind(benchmark, variant, hasImage));
  }

  /** The kind of a case: its loader's declaration, else image or text by whether it has an image. */
  public static String kind(String benchmark, String variant, boolean hasImage) {
    LoaderType type = Benchmarks.find(benchmark);
    return type == null ? (hasImage ? VariantKinds.IMAGE : VariantKinds.TEXT) : type.variantKind(variant, hasImage);
  }

  /**
   * Checks the spec's {@code variants} against the benchmarks it applies to among {@code datasetBenchmarks}: each
   * must be a variant of at least one of them (loaders that declare no variants accept any name). A name none has
   * is a config error naming it and listing those benchmarks' variants.
   */
  public static void check(AttackSpec spec, Collection<String> datasetBenchmarks) {
    if (spec.variants().isEmpty()) {
      return;
    }
    List<LoaderType> targets = new ArrayList<>();
    for (String b : new LinkedHashSet<>(datasetBenchmarks)) {
      LoaderType type = Benchmarks.find(b);
      if (spec.appliesTo(b) && type != null) {
        targets.add(type);
      }
    }
    if (targets.isEmpty() || targets.stream().anyMatch(t -> t.variants().isEmpty())) {
      return;
    }
    for (String v : spec.variants()) {
      if (targets.stream().noneMatch(t -> t.hasVariant(v))) {
        List<String> known = new ArrayList<>();
        for (LoaderType t : targets) {
          known.add(t.name() + " has " + String.join(", ", t.variants().keySet()));
        }
        throw new ConfigException("Cannot apply attack " + spec.label() + ": variant '" + v + "' is not a variant of "
            + (targets.size() == 1 ? targets.get(0).name() : "any of its benchmarks") + " (" + String.join("; ", known)
            + ")");
      }
    }
  }

  /** {@link #check} for every spec. */
  public static void checkAll(Collection<AttackSpec> specs, Collection<String> datasetBenchmarks) {
    Set<String> benchmarks = new LinkedHashSet<>(datasetBenchmarks);
    specs.forEach(s -> check(s, benchmarks));
  }
}
