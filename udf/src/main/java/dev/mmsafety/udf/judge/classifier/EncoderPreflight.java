package dev.mmsafety.udf.judge.classifier;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks, on the driver before any task runs, that the offline judge's encoder can load: onnxruntime extracts its
 * native library to {@code java.io.tmpdir} (unless {@code onnxruntime.native.path} names a folder holding it) and
 * DJL's tokenizer extracts its own to {@code ENGINE_CACHE_DIR}, else {@code DJL_CACHE_DIR}, else
 * {@code ~/.djl.ai} (or {@code java.io.tmpdir/.djl.ai} when the home folder is not writable). A folder that cannot
 * be written is a one-line {@link ConfigException} naming it; then both native libraries are loaded once, so a
 * folder mounted noexec or a missing system library shows here too, not as a failed task.
 */
public final class EncoderPreflight {
  private EncoderPreflight() {}

  /** Checks with this JVM's properties and environment, then loads the native libraries. */
  public static void check(String judge, EncoderModel model) {
    check(judge, model, Path.of(System.getProperty("java.io.tmpdir")), System.getProperty("onnxruntime.native.path"),
        djlDir(System.getenv(), System.getProperty("user.home"), System.getProperty("java.io.tmpdir")));
    try {
      ai.onnxruntime.OrtEnvironment.getEnvironment();
      ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
    } catch (RuntimeException | LinkageError e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
          .orElse("");
      throw new ConfigException("Cannot load encoder " + model.name() + " for judge " + judge + ": " + message);
    }
  }

  /** The folder checks alone, with the folders given (tests pass their own). */
  static void check(String judge, EncoderModel model, Path tmpDir, String ortNativePath, Path djlDir) {
    String what = "Cannot load encoder " + model.name() + " for judge " + judge + ": ";
    if (ortNativePath != null && !ortNativePath.isBlank()) {
      if (!Files.isDirectory(Path.of(ortNativePath))) {
        throw new ConfigException(what + "onnxruntime.native.path " + ortNativePath + " is not a folder");
      }
    } else if (!writable(tmpDir)) {
      throw new ConfigException(what + "temp folder " + tmpDir + " (java.io.tmpdir) is not writable; onnxruntime "
          + "extracts its native library there (set -Djava.io.tmpdir or -Donnxruntime.native.path)");
    }
    if (!writable(djlDir)) {
      throw new ConfigException(what + "folder " + djlDir + " is not writable; DJL extracts its tokenizer library "
          + "there (set DJL_CACHE_DIR or ENGINE_CACHE_DIR)");
    }
  }

  /** The folder DJL's tokenizer library goes to, resolved as DJL 0.36 does. */
  static Path djlDir(Map<String, String> env, String userHome, String tmpDir) {
    for (String key : new String[] {"ENGINE_CACHE_DIR", "DJL_CACHE_DIR"}) {
      String v = System.getProperty(key, env.get(key));
      if (v != null && !v.isBlank()) {
        return Path.of(v);
      }
    }
    Path home = Path.of(userHome == null ? "" : userHome);
    return Files.isWritable(home) ? home.resolve(".djl.ai") : Path.of(tmpDir).resolve(".djl.ai");
  }

  /** True when a file can be created in {@code dir} (made if missing): the real test, for root too. */
  static boolean writable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".mmsafety-preflight", ".tmp");
      Files.delete(probe);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }
}
