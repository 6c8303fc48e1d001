package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * FigStep rendering speed, ours against Pillow's, on the same made-up instructions: each renders and PNG-encodes
 * every image on one thread (Pillow in one python process, timed inside it, so interpreter start-up is excluded).
 */
public final class RenderBenchmark {
  private static final String[] VERBS = {"bake", "repair", "organise", "photograph", "paint", "assemble", "clean", "plant"};
  private static final String[] THINGS = {
    "a sourdough loaf", "the bicycle chain", "a small garden shed", "an old wooden chair", "the kitchen drawers",
    "a vegetable patch", "the night sky", "a paper lantern", "a birdhouse from scrap wood"
  };
  private static final String[] TAILS = {"at home.", "in one afternoon.", "with basic tools.", "step by step.", "."};

  /** Images per second on one core for each renderer; pillow is NaN with {@code pillowNote} when it could not run. */
  public record Result(int images, double oursPerSecond, double pillowPerSecond, String pillowNote) {
    public double ratio() {
      return oursPerSecond / pillowPerSecond;
    }
  }

  private RenderBenchmark() {}

  /** {@code count} deterministic instructions in FigStep's declarative style. */
  public static List<String> instructions(int count) {
    Random random = new Random(count);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String tail = TAILS[random.nextInt(TAILS.length)];
      out.add(
          (random.nextBoolean() ? "Steps to " : "Methods to ") + VERBS[random.nextInt(VERBS.length)] + " "
              + THINGS[random.nextInt(THINGS.length)] + (tail.equals(".") ? "." : " " + tail));
    }
    return out;
  }

  public static Result run(int count, Path python) throws IOException, InterruptedException {
    List<String> items = instructions(count);
    for (String s : items.subList(0, Math.min(20, items.size()))) {
      render(s); // warm-up: font loading and JIT
    }
    long start = System.nanoTime();
    long bytes = 0;
    for (String s : items) {
      bytes += render(s).length;
    }
    double ours = items.size() / ((System.nanoTime() - start) / 1e9);
    if (bytes == 0) {
      throw new IllegalStateException("Cannot benchmark: no bytes rendered");
    }
    Path dir = Files.createTempDirectory("mmsafety-bench-render");
    try {
      return new Result(items.size(), ours, pillow(items, python, dir), null);
    } catch (IOException e) {
      return new Result(items.size(), ours, Double.NaN, e.getMessage());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static byte[] render(String instruction) {
    try {
      return PngEncoder.encode(Typography.figStep(instruction, Typography.Overflow.CLIP).image());
    } catch (AttackException e) {
      throw new IllegalStateException("Cannot render benchmark instruction: " + e.getMessage(), e);
    }
  }

  private static double pillow(List<String> items, Path python, Path dir) throws IOException, InterruptedException {
    Path font = copy("/mmsafety/fonts/FreeMonoBold.ttf", dir.resolve("FreeMonoBold.ttf"));
    Path script = copy("/mmsafety/bench/typography_pillow.py", dir.resolve("typography_pillow.py"));
    StringBuilder lines = new StringBuilder();
    items.forEach(s -> lines.append(CanonicalJson.write(s)).append('\n'));
    Path input = Files.writeString(dir.resolve("instructions.jsonl"), lines, StandardCharsets.UTF_8);
    Process p;
    try {
      p = new ProcessBuilder(python.toString(), script.toString(), "figstep", font.toString(), input.toString(), "-", "1")
          .redirectErrorStream(true)
          .start();
    } catch (IOException e) {
      throw new IOException("Cannot run " + python + ": " + e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
      String last = out.isEmpty() ? "no output" : out.lines().reduce((a, b) -> b).orElse(out);
      throw new IOException("Cannot run Pillow renderer with " + python + ": " + last);
    }
    String[] parts = out.lines().reduce((a, b) -> b).orElse("").trim().split("\\s+");
    return Integer.parseInt(parts[0]) / Double.parseDouble(parts[1]);
  }

  private static Path copy(String resource, Path to) throws IOException {
    try (InputStream in = RenderBenchmark.class.getResourceAsStream(resource)) {
      Files.write(to, in.readAllBytes());
    }
    return to;
  }
}
