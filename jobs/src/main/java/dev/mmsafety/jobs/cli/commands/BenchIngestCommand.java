package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.udf.config.DatasetSpec;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench ingest}: generates a generic JSONL dataset of N cases referencing small PNGs, ingests it in this
 * JVM (local mode: driver and executors share the heap, so the peak covers both) and prints rows/s and peak heap.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Measure ingest throughput and peak heap on a generated generic dataset with images.",
    footer = {"", "Example:", "  ./mmsafety bench ingest --rows 100000 --images 500 --partitions 4 --work /tmp/bench-ingest"})
public final class BenchIngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rows", description = "Cases to generate (default ${DEFAULT-VALUE}).")
  int rows = 100_000;

  @Option(names = "--images", description = "Distinct PNG files the rows reference round-robin (default ${DEFAULT-VALUE}).")
  int images = 500;

  @Option(names = "--image-size", description = "Image width = height, px (default ${DEFAULT-VALUE}).")
  int imageSize = 64;

  @Option(names = "--partitions", description = "Partitions (default ${DEFAULT-VALUE}).")
  int partitions = 4;

  @Option(names = "--work", required = true, description = "Folder for the generated dataset and the output tables.")
  Path work;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (rows <= 0 || images <= 0 || imageSize <= 0 || partitions <= 0) {
      spec.commandLine().getErr().println("Cannot run bench ingest: --rows, --images, --image-size and --partitions must be positive");
      return 2;
    }
    Path data = work.resolve("dataset");
    long imageBytes = generate(data);
    out.printf("generated %d rows, %d images (%d bytes) under %s%n", rows, images, imageBytes, data);
    out.flush();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    AtomicLong sampledPeak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        sampledPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "bench-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    IngestCasesJob.Result result =
        IngestCommand.run(
            new DatasetSpec("bench", "generic", data.toString(), null,
                Map.of("fields", Map.of("id", "id", "text", "text", "image", "image", "category", "category"))),
            work.resolve("out").toString(), partitions, null);
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    result.summaryLines().forEach(out::println);
    out.printf("rows %d in %.1f s = %.0f rows/s; peak heap used %d MB (sampled), %d MB (sum of pool peaks); max heap %d MB; partitions %d%n",
        rows, seconds, rows / seconds, sampledPeak.get() >> 20, poolPeaks >> 20,
        Runtime.getRuntime().maxMemory() >> 20, partitions);
    out.flush();
    return result.counts().getOrDefault("cases", 0L) == rows ? 0 : 1;
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
        w.write("{\"id\": \"c" + i + "\", \"text\": \"Benchmark prompt number " + i + " about the picture.\", \"image\": \"images/img_"
            + (i % images) + ".png\", \"category\": \"" + categories[i % categories.length] + "\"}\n");
      }
    }
    return bytes;
  }
}
