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
 * Typography rendering speed, ours against Pillow's running the original generators' parameters, on the same
 * made-up instructions: FigStep images and MM-SafetyBench TYPO banners, each rendered and PNG-encoded on one thread
 * (Pillow in one python process per kind, timed inside it, so interpreter start-up is excluded).
 */
public final class RenderBenchmark {
  private static final String[] VERBS = {"bake", "repair", "organise", "photograph", "paint", "assemble", "clean", "plant"};
  private static final String[] THINGS = {
    "a sourdough loaf", "the bicycle chain", "a small garden shed", "an old wooden chair", "the kitchen drawers",
    "a vegetable patch", "the night sky", "a paper lantern", "a birdhouse from scrap wood"
  };
  private static final String[] TAILS = {"at home.", "in one afternoon.", "with basic tools.", "step by step.", "."};

  /** One generator's figures: images per second on one core; pillow is NaN with {@code pillowNote} when it failed. */
  public record Result(String kind, int images, double oursPerSecond, double pillowPerSecond, String pillowNote) {
    public double ratio() {
      return oursPerSecond / pillowPerSecond;
    }
  }

  private interface Renderer {
    Typography.Rendered render(String text) throws AttackException;
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

  /** FigStep then banner figures for {@code count} instructions, Pillow run with {@code python}. */
  public static List<Result> run(int count, Path python) throws IOException, InterruptedException {
    List<String> items = instructions(count);
    return List.of(
        measure("figstep", Fonts.FREE_MONO_BOLD, items, python, t -> Typography.figStep(t, Typography.Overflow.CLIP)),
        measure("typo", Fonts.LIBERATION_SANS, items, python, Typography::banner));
  }

  private static Result measure(String kind, String font, List<String> items, Path python, Renderer renderer)
      throws IOException, InterruptedException {
    for (String s : items.subList(0, Math.min(20, items.size()))) {
      encode(renderer, s); // warm-up: font loading and JIT
    }
    long start = System.nanoTime();
    long bytes = 0;
    for (String s : items) {
      bytes += encode(renderer, s).length;
    }
    double ours = items.size() / ((System.nanoTime() - start) / 1e9);
    if (bytes == 0) {
      throw new IllegalStateException("Cannot benchmark: no bytes rendered");
    }
    Path dir = Files.createTempDirectory("mmsafety-bench-render");
    try {
      return new Result(kind, items.size(), ours, pillow(kind, font, items, python, dir), null);
    } catch (IOException e) {
      return new Result(kind, items.size(), ours, Double.NaN, e.getMessage());
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static byte[] encode(Renderer renderer, String text) {
    try {
      return PngEncoder.encode(renderer.render(text).image());
    } catch (AttackException e) {
      throw new IllegalStateException("Cannot render benchmark instruction: " + e.getMessage(), e);
    }
  }

  private static double pillow(String kind, String fontFile, List<String> items, Path python, Path dir)
      throws IOException, InterruptedException {
    Path font = copy("/mmsafety/fonts/" + fontFile, dir.resolve(fontFile));
    Path script = copy("/mmsafety/bench/typography_pillow.py", dir.resolve("typography_pillow.py"));
    StringBuilder lines = new StringBuilder();
    items.forEach(s -> lines.append(CanonicalJson.write(s)).append('\n'));
    Path input = Files.writeString(dir.resolve("instructions.jsonl"), lines, StandardCharsets.UTF_8);
    Process p;
    try {
      p = new ProcessBuilder(python.toString(), script.toString(), kind, font.toString(), input.toString(), "-", "1")
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
