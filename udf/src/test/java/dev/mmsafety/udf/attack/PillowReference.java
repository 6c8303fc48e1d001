package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Pillow reference renderer (typography_pillow.py) with Debian's /usr/bin/python3 (package python3-pil). */
final class PillowReference {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  /** The generators the script knows, with the bundled font each uses. */
  enum Kind {
    FIGSTEP("figstep", Fonts.FREE_MONO_BOLD),
    TYPO("typo", Fonts.LIBERATION_SANS);

    final String arg;
    final String font;

    Kind(String arg, String font) {
      this.arg = arg;
      this.font = font;
    }
  }

  private PillowReference() {}

  /** Null when usable, else why not (the test then skips with this message). */
  static String unavailableReason() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return "/usr/bin/python3 missing: apt-get install python3-pil";
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import PIL").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0 ? null : "/usr/bin/python3 lacks PIL: apt-get install python3-pil";
  }

  /** Renders each text to {@code dir/<index>.png} with Pillow's default layout engine (raqm on Debian). */
  static void render(Kind kind, List<String> texts, Path dir) throws IOException, InterruptedException {
    Path font = copy("/mmsafety/fonts/" + kind.font, dir.resolve(kind.font));
    Path script = copy("/mmsafety/bench/typography_pillow.py", dir.resolve("typography_pillow.py"));
    StringBuilder lines = new StringBuilder();
    for (String s : texts) {
      lines.append(CanonicalJson.write(s)).append('\n');
    }
    Path input = Files.writeString(dir.resolve(kind.arg + ".jsonl"), lines, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                PYTHON.toString(), script.toString(), kind.arg, font.toString(), input.toString(), dir.toString(), "1")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("Cannot run Pillow reference: " + out);
    }
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = PillowReference.class.getResourceAsStream(resource)) {
      Files.write(to, in.readAllBytes());
    }
    return to;
  }
}
