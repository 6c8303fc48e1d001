package dev.mmsafety.udf.ingest;

import java.io.IOException;
import java.util.Set;

/**
 * Reads one benchmark's files as published into case drafts and rejects. Runs on the driver and reads only
 * metadata (images are read later, in executors); a bad record becomes a reject, never an exception. Throws
 * {@link dev.mmsafety.udf.exceptions.ConfigException} only for whole-dataset problems (no metadata file).
 */
public interface BenchmarkLoader {
  /** Registry name, e.g. figstep. */
  String name();

  /** Option keys this loader accepts (besides {@link LoaderOptions#COMMON}). */
  Set<String> optionKeys();

  void load(LoadContext context) throws IOException;
}
