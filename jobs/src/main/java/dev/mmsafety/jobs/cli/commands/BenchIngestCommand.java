package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.IngestCasesJob;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
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
    footer = {"", "Examples:", "  ./mmsafety bench ingest --rows 100000 --images 500 --partitions 4 --work /tmp/bench-ingest",
      "  MMSAFETY_JAVA_OPTS=-Xmx2g ./mmsafety bench ingest --rows 200000 --full-pipeline --work /tmp/bench-mem"})
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

  @Option(
      names = "--full-pipeline",
      description = "Run the whole pipeline (ingest, attack none, simulated worker, advbench judge, metrics, report),"
          + " not ingest alone: the issue #8 memory check.")
  boolean fullPipeline;

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
    // Session start-up is not ingest work: start it before the clock (IngestCommand.run reuses it).
    long sessionStart = System.nanoTime();
    SparkSessions.getOrCreate(new SparkSpec(null, partitions, null), "mmsafety-ingest");
    out.printf("spark session ready in %.1f s%n", (System.nanoTime() - sessionStart) / 1e9);
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    AtomicLong sampledPeak = new AtomicLong();
    AtomicLong liveAfterGc = new AtomicLong();
    List<Runnable> unregister = watchGc(liveAfterGc);
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
    Map<String, Long> counts;
    List<String> lines;
    if (fullPipeline) {
      EvaluationPipeline.Result result = runPipeline(data, work.resolve("out-pipeline"), out);
      counts = Map.of("cases", result.counts().getOrDefault("ingest.cases", 0L));
      lines = List.of("pipeline: " + result.counts());
    } else {
      IngestCasesJob.Result result =
          IngestCommand.run(
              new DatasetSpec("bench", "generic", data.toString(), null,
                  Map.of("fields", Map.of("id", "id", "text", "text", "image", "image", "category", "category"))),
              work.resolve("out").toString(), partitions, null);
      counts = result.counts();
      lines = result.summaryLines();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    unregister.forEach(Runnable::run);
    long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    lines.forEach(out::println);
    out.printf("rows %d in %.1f s = %.0f rows/s; peak heap used %d MB (sampled), %d MB (sum of pool peaks),"
            + " %d MB live after GC (max over collections); max heap %d MB; partitions %d%n",
        rows, seconds, rows / seconds, sampledPeak.get() >> 20, poolPeaks >> 20, liveAfterGc.get() >> 20,
        Runtime.getRuntime().maxMemory() >> 20, partitions);
    out.flush();
    return counts.getOrDefault("cases", 0L) == rows ? 0 : 1;
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
    return new EvaluationPipeline("bench", out, java.time.Clock.systemUTC())
        .run(dev.mmsafety.udf.config.ConfigLoader.parse(yaml, "bench-pipeline.yaml"), "bench-pipeline.yaml");
  }

  /** Records the heap in use right after each collection: the live set, which bounded memory is about. */
  private static List<Runnable> watchGc(AtomicLong liveAfterGc) {
    List<Runnable> unregister = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (!(gc instanceof NotificationEmitter emitter)) {
        continue;
      }
      NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
          long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
          liveAfterGc.accumulateAndGet(used, Math::max);
        }
      };
      emitter.addNotificationListener(listener, null, null);
      unregister.add(() -> {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // already gone
        }
      });
    }
    return unregister;
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
