package dev.mmsafety.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The bundled sample suite ({@code mmsafety/samples/} on the class path): small made-up datasets in real
 * benchmark layouts plus {@code quickstart.yaml}. Resources are listed in {@code index.txt} so extraction works
 * the same from a folder and from inside the jar.
 */
public final class Samples {
  public static final String ROOT = "mmsafety/samples/";
  public static final String INDEX = ROOT + "index.txt";
  public static final String CONFIG = "quickstart.yaml";
  /** Placeholder in quickstart.yaml for the folder the samples were extracted to. */
  public static final String SAMPLES_VAR = "${samples}";
  /** Placeholder in quickstart.yaml for the output root. */
  public static final String OUT_VAR = "${out}";

  private Samples() {}

  /** Relative paths of every sample file (from index.txt). */
  public static List<String> files() {
    try (InputStream in = resource(INDEX)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + INDEX, e);
    }
  }

  /**
   * Copies the samples into {@code dir} and writes {@code dir/quickstart.yaml} with both placeholders filled in,
   * so the file runs as it is ({@code ./mmsafety run --config dir/quickstart.yaml}).
   *
   * @return the path of the config
   */
  public static Path extractTo(Path dir, String outputRoot) throws IOException {
    Path config = extractTo(dir);
    Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8).replace(OUT_VAR, outputRoot),
        StandardCharsets.UTF_8);
    return config;
  }

  /**
   * Copies the samples into {@code dir} (created if absent; existing files are replaced) and writes
   * {@code dir/quickstart.yaml} with {@code ${samples}} replaced by the absolute path of {@code dir}, keeping
   * {@code ${out}} as a template for callers (tests) that choose the output root afterwards.
   *
   * @return the path of the substituted config
   */
  public static Path extractTo(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    for (String rel : files()) {
      Path target = root.resolve(rel).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("Cannot extract sample " + rel + ": path leaves " + root);
      }
      Files.createDirectories(target.getParent());
      try (InputStream in = resource(ROOT + rel)) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path config = root.resolve(CONFIG);
    String yaml = Files.readString(config, StandardCharsets.UTF_8).replace(SAMPLES_VAR, root.toString());
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    return config;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = Samples.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IOException("Cannot find sample resource " + name + " on the class path");
    }
    return in;
  }
}
