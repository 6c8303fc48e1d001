package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.ingest.loaders.FigStepLoader;
import dev.mmsafety.udf.ingest.loaders.GenericLoader;
import dev.mmsafety.udf.ingest.loaders.HadesLoader;
import dev.mmsafety.udf.ingest.loaders.HarmBenchMmLoader;
import dev.mmsafety.udf.ingest.loaders.JailbreakV28kLoader;
import dev.mmsafety.udf.ingest.loaders.MmSafetyBenchLoader;
import dev.mmsafety.udf.ingest.loaders.MossBenchLoader;
import dev.mmsafety.udf.ingest.loaders.SiuoLoader;
import dev.mmsafety.udf.ingest.loaders.VlGuardLoader;
import dev.mmsafety.udf.ingest.loaders.XsTestLoader;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/** The loader registry: benchmark name to loader type, and the driver-side load of one dataset. */
public final class Benchmarks {
  /** Every loader, in documentation order. */
  public static final List<LoaderType> TYPES =
      List.of(
          MmSafetyBenchLoader.TYPE,
          FigStepLoader.TYPE,
          JailbreakV28kLoader.TYPE,
          HadesLoader.TYPE,
          VlGuardLoader.TYPE,
          MossBenchLoader.TYPE,
          SiuoLoader.TYPE,
          HarmBenchMmLoader.TYPE,
          XsTestLoader.TYPE,
          GenericLoader.TYPE);

  private Benchmarks() {}

  public static Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    TYPES.forEach(t -> names.add(t.name()));
    return names;
  }

  /** The loader type for {@code name}, or null when there is none (a benchmark name carried in a table). */
  public static LoaderType find(String name) {
    String key = name == null ? null : name.trim().toLowerCase(java.util.Locale.ROOT);
    for (LoaderType type : TYPES) {
      if (type.name().equals(key)) {
        return type;
      }
    }
    return null;
  }

  /** The loader type for {@code name}; an unknown name is a one-line {@link ConfigException} listing the known ones. */
  public static LoaderType loader(String name) {
    LoaderType type = find(name);
    if (type != null) {
      return type;
    }
    throw new ConfigException("Cannot ingest benchmark " + name + ": unknown name; known: " + String.join(", ", names()));
  }

  /**
   * Checks what a dataset spec says without reading the dataset: a known benchmark, options that loader knows, a
   * positive limit and readable image limits. Returns the loader type.
   */
  public static LoaderType check(DatasetSpec spec) {
    LoaderType loader = loader(spec.benchmark());
    LoaderOptions options = new LoaderOptions(spec.name(), spec.options());
    options.check(loader.optionKeys());
    options.keepTextIfImageMissing();
    if (spec.limit() != null && spec.limit() <= 0) {
      throw new ConfigException("Cannot ingest " + spec.name() + ": limit must be positive, got " + spec.limit());
    }
    try {
      dev.mmsafety.udf.image.ImageLimits.from(spec.options());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Cannot ingest " + spec.name() + ": " + e.getMessage());
    }
    return loader;
  }

  /**
   * Loads one dataset's metadata on the driver.
   *
   * @param conf Hadoop configuration for reading the dataset root
   * @param store where images that come as bytes are written
   */
  public static LoadResult load(DatasetSpec spec, Configuration conf, ImageStore store, Taxonomy taxonomy) {
    LoaderType loader = check(spec);
    LoaderOptions options = new LoaderOptions(spec.name(), spec.options());
    DatasetSource source = DatasetSource.open(spec.path(), conf);
    LoadSink sink = new LoadSink(loader.name(), spec.name(), spec.limit());
    try {
      loader.factory().get().load(new LoadContext(spec, options, source, sink, taxonomy, store));
    } catch (IOException e) {
      throw new ConfigException("Cannot ingest " + spec.name() + ": " + e.getMessage(), e);
    }
    LoadResult result =
        new LoadResult(loader.name(), spec.name(), source.datasetHash(), sink.drafts(), sink.rejects(), sink.columns());
    if (sink.drafts().isEmpty()) {
      // A dataset that gives no case (empty, or every row rejected: usually a field-mapping typo) stops the run
      // here, before any image is read or model called, naming what the files hold.
      Map<String, Long> reasons = new java.util.TreeMap<>();
      sink.rejects().forEach(r -> reasons.merge(r.reasonCode(), 1L, Long::sum));
      throw result.noCases(reasons, sink.rejects().isEmpty() ? null : sink.rejects().get(0));
    }
    return result;
  }
}
