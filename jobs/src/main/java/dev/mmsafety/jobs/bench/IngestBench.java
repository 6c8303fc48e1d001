package dev.mmsafety.jobs.bench;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.jobs.StandaloneIngest;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generates a generic JSONL dataset of {@code rows} cases referencing small PNGs, ingests it in this JVM (local
 * mode: driver and executors share the heap, so the peak covers both) and prints rows/s and peak heap
 * ({@code bench ingest}).
 *
 * @param images distinct PNG files the rows reference round-robin
 * @param imageSize image width = height, px
 * @param work folder for the generated dataset and the output tables
 * @param fullPipeline run the whole pipeline (ingest, attack none, simulated worker, advbench judge, metrics,
 *     report), not ingest alone
 */
public record IngestBench(int rows, int images, int imageSize, int partitions, Path work, boolean fullPipeline) {
  public IngestBench {
    if (rows <= 0 || images <= 0 || imageSize <= 0 || partitions <= 0) {
      throw new ConfigException(
          "Cannot run bench ingest: --rows, --images, --image-size and --partitions must be positive");
    }
  }

  /** What one run measured (pipeline or ingest only; generation and session start-up excluded). */
  public record Figures(long rows, long cases, double seconds, long sampledPeakBytes, long liveAfterGcBytes) {}

  /** Runs the benchmark, printing its figures to {@code out}; true when every row became a case. */
  public boolean run(PrintWriter out) throws IOException {
    Figures f = measure(out);
    return f.cases() == rows;
  }

  /** Runs the benchmark, printing its figures to {@code out}, and returns them. */
  public Figures measure(PrintWriter out) throws IOException {
    Path data = work.resolve("dataset");
    long imageBytes = generate(data);
    out.printf("generated %d rows, %d images (%d bytes) under %s%n", rows, images, imageBytes, data);
    out.flush();
    // Session start-up is not ingest work: start it before the clock (StandaloneIngest reuses it).
    long sessionStart = System.nanoTime();
    SparkSessions.getOrCreate(SparkSpec.DEFAULT.withPartitions(partitions), "mmsafety-ingest");
    out.printf("spark session ready in %.1f s%n", (System.nanoTime() - sessionStart) / 1e9);
    long cases;
    List<String> lines;
    double seconds;
    long sampledPeak;
    long liveAfterGc;
    try (HeapWatch heap = HeapWatch.start()) {
      long start = System.nanoTime();
      if (fullPipeline) {
        EvaluationPipeline.Result result = runPipeline(data, work.resolve("out-pipeline"), out);
        cases = result.counts().getOrDefault("ingest.cases", 0L);
        lines = List.of("pipeline: " + result.counts());
      } else {
        IngestCasesJob.Result result =
            StandaloneIngest.run(
                new DatasetSpec("bench", "generic", data.toString(), null,
                    Map.of("fields", Map.of("id", "id", "text", "text", "image", "image", "category", "category"))),
                work.resolve("out").toString(), partitions, null);
        cases = result.counts().getOrDefault("cases", 0L);
        lines = result.summaryLines();
      }
      seconds = (System.nanoTime() - start) / 1e9;
      sampledPeak = heap.sampledPeak();
      liveAfterGc = heap.liveAfterGc();
    }
    lines.forEach(out::println);
    out.printf("rows %d in %.1f s = %.0f rows/s; peak heap used %d MB (sampled), %d MB (sum of pool peaks),"
            + " %d MB live after GC (max over collections); max heap %d MB; partitions %d%n",
        rows, seconds, rows / seconds, sampledPeak >> 20, HeapWatch.poolPeaks() >> 20, liveAfterGc >> 20,
        Runtime.getRuntime().maxMemory() >> 20, partitions);
    out.flush();
    return new Figures(rows, cases, seconds, sampledPeak, liveAfterGc);
  }

  private EvaluationPipeline.Result runPipeline(Path data, Path root, PrintWriter out) {
    String yaml =
        """
        run: {output: "%s", seed: 5}
        spark: {partitions: %d}
        datasets:
          - name: bench
            benchmark: generic
            path: "%s"
            options: {file: cases.jsonl, fields: {id: id, text: text, image: image, category: category}}
        models:
          - {name: sim, endpoints: [{name: sim-0, url: simulator, max-concurrency: 256}]}
        judges:
          - {name: advbench, type: refusal-strings, params: {list: advbench}}
        inference: {window: 128}
        simulator: {capacity: 256, service-ms: 1}
        """
            .formatted(root, partitions, data);
    return new EvaluationPipeline("bench", out, Clock.systemUTC())
        .run(ConfigLoader.parse(yaml, "bench-pipeline.yaml"), "bench-pipeline.yaml");
  }

  private long generate(Path data) throws IOException {
    Files.createDirectories(data.resolve("images"));
    Random random = new Random(7);
    long bytes = 0;
    for (int i = 0; i < images; i++) {
      BufferedImage img = new BufferedImage(imageSize, imageSize, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < imageSize; y++) {
        for (int x = 0; x < imageSize; x++) {
          img.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      Path file = data.resolve("images/img_" + i + ".png");
      ImageIO.write(img, "png", file.toFile());
      bytes += Files.size(file);
    }
    String[] categories = {"privacy", "fraud_deception", "cybercrime", "violent_crimes"};
    try (BufferedWriter w = Files.newBufferedWriter(data.resolve("cases.jsonl"), StandardCharsets.UTF_8)) {
      for (int i = 0; i < rows; i++) {
        w.write("{\"id\": \"c" + i + "\", \"text\": \"Benchmark prompt number " + i + " about the picture.\","
            + " \"image\": \"images/img_" + (i % images) + ".png\", \"category\": \""
            + categories[i % categories.length] + "\"}\n");
      }
    }
    return bytes;
  }
}
