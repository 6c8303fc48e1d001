package dev.mmsafety.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.GenerateResponsesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.http.ChatWire;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ImageDataUrls;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimulatorCounters;
import dev.mmsafety.udf.spark.ModelSqlFunctions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The inference stage end to end against the simulated worker (capacity C, service time T, limit C/T), then a
 * naive one-request-per-row UDF on a subset, and the speedup between them ({@code bench throughput}).
 *
 * @param distinctImages distinct image files the probes cycle through
 * @param window in-flight requests per partition
 * @param warmup probes answered first, unmeasured, to warm the JVM and connections
 * @param maxConcurrency the endpoint's concurrency budget
 * @param naiveProbes probes for the naive UDF baseline; 0 = none
 * @param bareRequests requests for the bare-HttpClient baseline (same bodies, same simulator); 0 = none
 * @param workDir where images and tables go; null = a new temporary folder
 */
public record ThroughputBench(
    int probes,
    int imageKb,
    int distinctImages,
    int capacity,
    long serviceMs,
    int window,
    int warmup,
    int maxConcurrency,
    int partitions,
    int naiveProbes,
    int bareRequests,
    String master,
    Path workDir) {
  private static final String RUN_DATE = "2026-01-01";

  public ThroughputBench {
    if (probes <= 0 || imageKb <= 0 || distinctImages <= 0 || capacity <= 0 || serviceMs <= 0 || naiveProbes < 0
        || bareRequests < 0) {
      throw new ConfigException("Cannot run benchmark: sizes and times must be positive");
    }
  }

  /** Runs the benchmark, printing its figures to {@code out}. */
  public void run(PrintWriter out) throws IOException {
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("mmsafety-bench");
    List<String[]> images = writeImages(dir.resolve("images"));
    SparkSpec sparkSpec = new SparkSpec(master, partitions, null);
    SparkSession spark = SparkSessions.getOrCreate(sparkSpec, "mmsafety-bench");
    SimulatorSpec simSpec = new SimulatorSpec(capacity, serviceMs, 0L, null, null, null, null, null);
    try (SimulatedWorker sim = SimulatedWorker.start(simSpec)) {
      ModelSpec model = new ModelSpec("bench-sim", null,
          List.of(new EndpointSpec("sim", EndpointSpec.SIMULATOR_URL, maxConcurrency, null).resolvedTo(sim.baseUrl())),
          null, ModelSpec.TRANSPORT_DATA_URL, null, new GenerationSpec(0.0, null, 64, null, null));
      InferenceSpec inference = InferenceSpec.DEFAULT.with(s -> { s.window = window; s.progressSeconds = 5; });
      String output = dir.resolve("out").toUri().toString().replaceAll("/$", "");
      RunConfig config = RunConfig.of(new RunSpec("bench", output, RUN_DATE, null))
          .withSpark(sparkSpec).withModels(List.of(model)).withInference(inference).withSimulator(simSpec);
      RunContext ctx = new RunContext(spark, config, "bench-" + System.currentTimeMillis(), RUN_DATE, output, 1L);
      ctx.tables().write(probeRows(spark, images), ProbesTable.INSTANCE);
      Dataset<Row> probeTable = ctx.tables().readRun(ProbesTable.INSTANCE, "bench-probes");
      out.printf(Locale.ROOT, "Benchmark: %d probes, %d KB images (%d distinct), simulator C=%d T=%d ms, window %d x"
          + " %d partitions, endpoint budget %d, master %s%n", probes, imageKb, distinctImages, capacity, serviceMs,
          window, partitions, maxConcurrency, master);
      if (warmup > 0) {
        warmUp(ctx, probeTable, sim, out);
      }
      long start = System.nanoTime();
      long startMs = System.currentTimeMillis();
      GenerateResponsesJob.Result result = EvalJobs.get(ctx).generateResponses().input(probeTable)
          .progressTo(out::println).execute();
      double jobSeconds = (System.nanoTime() - start) / 1e9;
      long endMs = System.currentTimeMillis();
      SimulatorCounters counters = sim.counters();
      out.printf(Locale.ROOT, "job start to first request %.1f s, server busy span %.1f s, last answer to job end"
          + " %.1f s%n", (counters.firstCallAtMs() - startMs) / 1e3,
          (counters.lastAnswerAtMs() - counters.firstCallAtMs()) / 1e3, (endMs - counters.lastAnswerAtMs()) / 1e3);
      double limit = capacity * 1000.0 / serviceMs;
      double serverRate = counters.answeredPerSecond();
      double jobRate = result.counts().getOrDefault("responses", 0L) / jobSeconds;
      Row pct = ctx.tables().readRun(ResponsesTable.INSTANCE, ctx.runId())
          .selectExpr("percentile_approx(latency_ms, 0.5)", "percentile_approx(latency_ms, 0.99)").first();
      out.printf(Locale.ROOT, "pipeline: %d responses (%s), %d HTTP calls%n", result.counts().get("responses"),
          result.counts().getOrDefault("ok", 0L) + " ok", result.counts().get("calls"));
      out.printf(Locale.ROOT, "achieved (server busy span, first request to last answer): %.1f req/s%n", serverRate);
      out.printf(Locale.ROOT, "achieved (whole job incl. Spark planning, write, read-back): %.1f req/s in %.1f s%n",
          jobRate, jobSeconds);
      out.printf(Locale.ROOT, "limit C/T: %.1f req/s; ratio: %.3f (server span), %.3f (whole job)%n", limit,
          serverRate / limit, jobRate / limit);
      out.printf(Locale.ROOT, "latency per request: p50 %d ms, p99 %d ms%n", pct.getLong(0), pct.getLong(1));
      bare(sim, model, images, serverRate, limit, out);

      double naiveRate = naive(spark, model, inference, probeTable, out);
      if (naiveRate > 0) {
        out.printf(Locale.ROOT, "speedup: %.1fx (pipeline server-span rate / naive rate)%n", serverRate / naiveRate);
      }
    }
  }

  /** Answers the first {@code warmup} probes (reworded, so none is a cache hit later) into a separate root. */
  private void warmUp(RunContext ctx, Dataset<Row> probeTable, SimulatedWorker sim, PrintWriter out) {
    String root = ctx.outputRoot() + "-warmup";
    RunConfig config = ctx.config().withRun(ctx.config().run().withName("warmup").withOutput(root));
    RunContext warm = new RunContext(ctx.spark(), config, "warmup", RUN_DATE, root, 1L);
    Dataset<Row> warmProbes = probeTable.limit(warmup)
        .withColumn(ProbesTable.PROMPT_TEXT.name(), concat(lit("warm-up: "), col(ProbesTable.PROMPT_TEXT.name())));
    EvalJobs.get(warm).generateResponses().input(warmProbes).progressTo(line -> { }).execute();
    out.printf(Locale.ROOT, "warm-up: %d probes answered (not measured)%n", sim.counters().calls());
    sim.resetCounters();
  }

  /** The same bodies from a bare JDK HttpClient in this JVM against the same simulator: the machine's ceiling. */
  private void bare(SimulatedWorker sim, ModelSpec model, List<String[]> images, double pipelineRate, double limit,
      PrintWriter out) throws IOException {
    if (bareRequests == 0) {
      return;
    }
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      byte[] bytes = Files.readAllBytes(Path.of(java.net.URI.create(images.get(i)[0])));
      ChatMessage user = ChatMessage.user(List.of(
          ContentPart.text("Describe the steps in the picture, request number " + i),
          ContentPart.imageBytes(images.get(i)[0], images.get(i)[1], bytes, null)));
      bodies.add(ChatWire.requestBodyParts(model.model(), List.of(user), model.generation(),
          part -> new ImageDataUrls(null, 0).dataUrlBytes(part)).toBytes());
    }
    BareClientBaseline.Result r = BareClientBaseline.run(sim, bodies, bareRequests, maxConcurrency);
    out.printf(Locale.ROOT, "bare JDK HttpClient, same bodies, %d in flight: %d answered, %d failed%s, %.1f req/s"
        + " (server span), ratio %.3f; pipeline / bare: %.3f%n", maxConcurrency, r.answered(), r.failed(),
        r.failed() == 0 ? "" : " (first: " + r.firstFailure() + ")", r.serverSpanRate(), r.serverSpanRate() / limit,
        pipelineRate / r.serverSpanRate());
  }

  private double naive(SparkSession spark, ModelSpec model, InferenceSpec inference, Dataset<Row> probeTable,
      PrintWriter out) {
    if (naiveProbes == 0) {
      return 0;
    }
    Dataset<Row> subset = probeTable.limit(naiveProbes).repartition(partitions).cache();
    long n = subset.count();
    long start = System.nanoTime();
    subset.select(ModelSqlFunctions.generate(spark, List.of(model), inference).apply(
            lit("bench-sim"), col(ProbesTable.PROMPT_TEXT.name()),
            element_at(col(ProbesTable.IMAGE_URIS.name()), 1)).as("r"))
        .write().format("noop").mode("overwrite").save();
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = n / seconds;
    out.printf(Locale.ROOT, "naive one-request-per-row UDF: %d rows in %.1f s = %.1f req/s%n", n, seconds, rate);
    subset.unpersist();
    return rate;
  }

  /**
   * Distinct real PNGs of about the requested size (RGB noise does not compress: ~3 bytes a pixel), since the
   * client checks every image before sending it: {uri, sha256}.
   */
  private List<String[]> writeImages(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(42);
    List<String[]> images = new ArrayList<>();
    for (int i = 0; i < distinctImages; i++) {
      int side = Math.max(2, (int) Math.sqrt(imageKb * 1024 / 3.0));
      java.awt.image.BufferedImage noise =
          new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
      random.nextBytes(((java.awt.image.DataBufferByte) noise.getRaster().getDataBuffer()).getData());
      java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
      javax.imageio.ImageIO.write(noise, "png", png);
      byte[] bytes = png.toByteArray();
      Path file = dir.resolve("img-" + i + ".png");
      Files.write(file, bytes);
      images.add(new String[] {file.toUri().toString(), Hashing.sha256Hex(bytes)});
    }
    return images;
  }

  private Dataset<Row> probeRows(SparkSession spark, List<String[]> images) {
    List<Row> rows = new ArrayList<>(probes);
    for (int i = 0; i < probes; i++) {
      String[] image = images.get(i % images.size());
      String caseId = "bench:v:" + i;
      rows.add(ProbesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "bench-probes")
          .set(SharedColumns.PROBE_ID, Hashing.shortId(caseId, "none"))
          .set(SharedColumns.CASE_ID, caseId)
          .set(SharedColumns.BENCHMARK, "bench")
          .set(SharedColumns.DATASET, "bench")
          .set(SharedColumns.VARIANT, "v")
          .set(ProbesTable.DATASET_HASH, "bench")
          .set(SharedColumns.CANONICAL_CATEGORY, "bench")
          .set(SharedColumns.POLARITY, "harmful")
          .set(SharedColumns.ATTACK, "none")
          .set(ProbesTable.ATTACK_VERSION, "1")
          .set(ProbesTable.ATTACK_PARAMS, "{}")
          .set(ProbesTable.ATTACK_SEED, 0L)
          .set(ProbesTable.PROMPT_TEXT, "Describe the steps in the picture, request number " + i)
          .set(ProbesTable.IMAGE_URIS, List.of(image[0]))
          .set(ProbesTable.IMAGE_SHA256S, List.of(image[1]))
          .set(SharedColumns.RUN_DATE, RUN_DATE)
          .build());
    }
    return spark.createDataFrame(rows, ProbesTable.INSTANCE.schema());
  }
}
