package dev.mmsafety.udf.ingest;

import java.io.IOException;

/**
 * Reads one benchmark's files as published into case drafts and rejects. Runs on the driver and reads only
 * metadata (images are read later, in executors); a bad record becomes a reject, never an exception. Throws
 * {@link dev.mmsafety.udf.exceptions.ConfigException} only for whole-dataset problems (no metadata file). What a
 * loader is (name, layout, options) is its {@link LoaderType}.
 */
@FunctionalInterface
public interface BenchmarkLoader {
  void load(LoadContext context) throws IOException;
}
