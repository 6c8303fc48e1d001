package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.defense.Defenses;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.model.ServerRevisions;
import dev.mmsafety.udf.spark.InferencePartitionFunction;
import dev.mmsafety.udf.spark.InferencePlanner;
import dev.mmsafety.udf.spark.InferenceProgress;
import dev.mmsafety.udf.spark.InferenceTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Calls models for every probe x model x defense and writes responses ({@code responses/run_date=/model=}).
 *
 * <p>Reads the probes given to {@link #input}; crosses them with (model, defense) pairs (broadcast, no shuffle);
 * plans request ids against the response cache and the run's budget; repartitions the work into
 * {@code spark.partitions} partitions (the only shuffle; each partition keeps {@code inference.window} requests
 * in flight); writes; compacts the cache; reads the written rows back for the counts and the error-rate check.
 * A run killed midway or re-run makes only the calls the cache does not already hold; answers of earlier nights
 * are reused only under {@code inference.cache-scope: revision}, for models with a revision (read with what their
 * servers report, {@link ServerRevisions}, before any call).
 */
public final class GenerateResponsesJob extends StageJob<GenerateResponsesJob> {
  public static final String JOB_GROUP = "GENERATE-RESPONSES";
  /** Statuses that are outcomes, not failures, for the error-rate check. */
  static final Set<String> NOT_ERRORS = ModelResponse.Status.OUTCOMES;

  static final Result EMPTY_RESULT = new Result(Map.of("responses", 0L, "calls", 0L, "cache_hits", 0L),
      List.of("responses: no probes, nothing called"));

  private List<ModelSpec> models;
  private java.util.function.Consumer<String> progressSink = System.err::println;

  GenerateResponsesJob(RunContext context) {
    super(context);
  }

  /** Only these models (default: every model in the config). */
  public GenerateResponsesJob models(List<ModelSpec> selected) {
    return set(() -> models = nonEmpty(selected, "models"));
  }

  /** Where progress lines go (default stderr). */
  public GenerateResponsesJob progressTo(java.util.function.Consumer<String> sink) {
    return set(() -> progressSink = sink);
  }

  public Result execute() {
    if (input == null) {
      throw new ConfigException("Cannot generate responses: no probes given (call input(probes))");
    }
    List<ModelSpec> configured = models != null ? models : context.config().models();
    if (configured.isEmpty()) {
      throw new ConfigException("Cannot generate responses: the config lists no models");
    }
    checkResolved(configured);
    checkResolved(context.config().helpers());
    List<DefenseSpec> defenses = context.config().defenses();
    defenses.forEach(Defenses::create); // unknown defense names fail here, on the driver, with the name
    if (input.isEmpty()) {
      return EMPTY_RESULT;
    }
    InferenceSpec inference = context.config().inference();
    SparkContext sc = context.spark().sparkContext();
    List<String> notes = new ArrayList<>();
    // Targets and the helpers defenses call, each with its effective revision (part of their request keys).
    List<ModelSpec> targets = withServerRevisions(configured, inference, notes);
    List<ModelSpec> helpers = withServerRevisions(context.config().helpers(), inference, notes);
    return context.inJobGroup(JOB_GROUP, "Generate responses for run " + context.runId(), () -> {
      Dataset<Row> work = plan(targets, defenses, inference);
      long total = input.count() * targets.size() * defenses.size(); // cheaper than counting the cross join
      InferenceProgress.Accumulators acc = InferenceProgress.Accumulators.register(sc, "mmsafety.inference");
      InferenceTask task = new InferenceTask(InferenceTask.Specs.of(targets, helpers, defenses, inference), context.runId(),
          context.runDate(), ResponseCache.dir(context.outputRoot()), context.runId() + "-" + shortUuid(),
          jvmShare(sc), new HadoopImageLoader(sc.hadoopConfiguration()), acc);
      try (InferenceProgress progress =
          InferenceProgress.start(sc, acc, total, inference.progressSeconds(), progressSink)) {
        Dataset<Row> responses = work.repartition(context.partitions())
            .mapPartitions(new InferencePartitionFunction(task), Encoders.row(ResponsesTable.INSTANCE.schema()));
        context.tables().write(responses, ResponsesTable.INSTANCE);
        progress.finish();
      }
      compactCache(sc);
      return checkAndCount(targets, inference, notes);
    });
  }

  private static void checkResolved(List<ModelSpec> targets) {
    for (ModelSpec m : targets) {
      for (EndpointSpec e : m.endpoints()) {
        if (EndpointSpec.SIMULATOR_URL.equals(e.url())) {
          throw new ConfigException("Cannot generate responses for model " + m.name() + ": endpoint " + e.name()
              + " says url 'simulator' but no simulator was started (resolve it with EndpointSpec.resolvedTo)");
        }
      }
    }
  }

  private Dataset<Row> plan(List<ModelSpec> targets, List<DefenseSpec> defenses, InferenceSpec inference) {
    Dataset<Row> work = InferencePlanner.work(context.spark(), input, targets, defenses);
    if (inference.maxRequests() == null && inference.maxTokens() == null) {
      return work.withColumn(InferenceTask.ADMITTED_COL, lit(true));
    }
    Dataset<Row> withIds = InferencePlanner.withRequestIds(work, targets);
    return InferencePlanner.admit(withIds, InferencePlanner.cachedIds(context.spark(), context.outputRoot(),
        new ResponseCache.Scope(context.runDate(), inference.reusesAcrossRuns())), inference, targets);
  }

  /** Under cache-scope revision, each model's revision plus what its servers report (ServerRevisions). */
  static List<ModelSpec> withServerRevisions(List<ModelSpec> specs, InferenceSpec inference, List<String> notes) {
    List<ModelSpec> out = new ArrayList<>();
    for (ModelSpec m : specs) {
      ServerRevisions.Resolved r = ServerRevisions.resolve(m, inference);
      out.add(r.spec());
      if (r.note() != null) {
        notes.add(r.note());
      }
    }
    return out;
  }

  /** JVMs that run tasks: each gets its share of every endpoint's max-concurrency. */
  static int jvmShare(SparkContext sc) {
    if (sc.isLocal()) {
      return 1;
    }
    return Math.max(1, sc.getExecutorMemoryStatus().size() - 1);
  }

  private void compactCache(SparkContext sc) {
    try {
      ResponseCache.compact(sc.hadoopConfiguration(), ResponseCache.dir(context.outputRoot()));
    } catch (IOException e) {
      // the segments stay readable as they are; compaction only saves listing time next run
      progressSink.accept("[generate-responses] Cannot compact response cache: " + e.getMessage());
    }
  }

  private Result checkAndCount(List<ModelSpec> targets, InferenceSpec inference, List<String> notes) {
    Dataset<Row> written = context.tables().readRun(ResponsesTable.INSTANCE, context.runId())
        .where(col(SharedColumns.MODEL.name()).isin(targets.stream().map(ModelSpec::name).toArray()));
    List<Row> byStatus = written.groupBy(col(SharedColumns.STATUS.name()))
        .agg(count(lit(1)), sum(col(ResponsesTable.ATTEMPTS.name())),
            sum(when(col(ResponsesTable.CACHE_HIT.name()), 1L).otherwise(0L)))
        .collectAsList();
    Map<String, Long> counts = new LinkedHashMap<>();
    long rows = 0;
    long calls = 0;
    long hits = 0;
    long errors = 0;
    Map<String, Long> statuses = new java.util.TreeMap<>();
    for (Row r : byStatus) {
      long n = r.getLong(1);
      statuses.put(r.getString(0), n);
      rows += n;
      calls += r.isNullAt(2) ? 0 : r.getLong(2);
      hits += r.getLong(3);
      errors += NOT_ERRORS.contains(r.getString(0)) ? 0 : n;
    }
    counts.put("responses", rows);
    counts.put("calls", calls);
    counts.put("cache_hits", hits);
    counts.putAll(statuses);
    double rate = rows == 0 ? 0 : errors / (double) rows;
    if (rate > inference.maxErrorRate()) {
      throw new ConfigException(String.format(Locale.ROOT,
          "Cannot accept responses of run %s: %d of %d rows (%.1f%%) failed, above inference.max-error-rate %.1f%%;"
              + " statuses %s (rows are written; fix the endpoints and re-run: cached answers are not paid again)",
          context.runId(), errors, rows, 100 * rate, 100 * inference.maxErrorRate(), statuses));
    }
    List<String> summary = new ArrayList<>(List.of(String.format(Locale.ROOT,
        "responses: %d rows, %d HTTP calls, %d cache hits, statuses %s", rows, calls, hits, statuses)));
    summary.addAll(notes);
    long notRun = statuses.getOrDefault(ModelResponse.Status.BUDGET_EXHAUSTED, 0L);
    if (notRun > 0) {
      summary.add(String.format(Locale.ROOT, "budget cap reached: %d rows not run (the run is partial; rows were"
          + " admitted stratified by dataset and category)", notRun));
    }
    return new Result(Map.copyOf(counts), List.copyOf(summary));
  }

  private static String shortUuid() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Counts of what the job wrote, by name: responses, calls, cache_hits, and one per status (ok, ...). */
  public record Result(Map<String, Long> counts, List<String> summaryLines)
      implements StageResult {}
}
