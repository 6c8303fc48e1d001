package dev.mmsafety.udf.attack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Pillow reference renderer with Debian's /usr/bin/python3 (packages python3-pil, fonts-freefont-ttf). */
final class PillowReference {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private PillowReference() {}

  /** Null when usable, else why not (the test then skips with this message). */
  static String unavailableReason() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return "/usr/bin/python3 missing: apt-get install python3-pil fonts-freefont-ttf";
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import PIL").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0 ? null : "/usr/bin/python3 lacks PIL: apt-get install python3-pil";
  }

  /** Renders each instruction to {@code dir/<index>.png}. */
  static void render(List<String> instructions, Path dir) throws IOException, InterruptedException {
    Path font = dir.resolve("FreeMonoBold.ttf");
    Path script = dir.resolve("figstep_pillow.py");
    copy("/mmsafety/fonts/FreeMonoBold.ttf", font);
    copy("/mmsafety/bench/figstep_pillow.py", script);
    Path input = dir.resolve("instructions.jsonl");
    StringBuilder lines = new StringBuilder();
    for (String s : instructions) {
      lines.append(dev.mmsafety.udf.common.CanonicalJson.write(s)).append('\n');
    }
    Files.writeString(input, lines, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(PYTHON.toString(), script.toString(), font.toString(), input.toString(), dir.toString(), "1")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("Cannot run Pillow reference: " + out);
    }
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = PillowReference.class.getResourceAsStream(resource)) {
      Files.write(to, in.readAllBytes());
    }
  }
}
