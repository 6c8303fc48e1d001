package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.defense.DefendedResponse;
import dev.mmsafety.udf.defense.Defense;
import dev.mmsafety.udf.defense.DefenseTools;
import dev.mmsafety.udf.defense.Defenses;
import dev.mmsafety.udf.http.BoundedConcurrency;
import dev.mmsafety.udf.http.Outcome;
import dev.mmsafety.udf.model.CachingModelCaller;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelPlacement;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.model.RequestIds;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.model.ResponseCacheIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;

/**
 * Per partition: work rows (probe x model x defense, with admission flags) in, responses rows out, through one
 * bounded window of asynchronous calls ({@link BoundedConcurrency}), in input order, never holding more than the
 * window. Calls go through the response cache, as far as the run's cache scope admits; a retried task first reads
 * what earlier attempts of the same partition wrote, so it does not pay again for those answers. A row answered
 * from the cache says which run first received the answer.
 */
public final class InferencePartitionFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** What a budget_exhausted row's error says, followed by the cap in parentheses, e.g. (inference.max-requests=40). */
  public static final String BUDGET_EXHAUSTED_TEXT = "run budget exhausted";

  private final InferenceTask task;

  public InferencePartitionFunction(InferenceTask task) {
    this.task = task;
  }

  /** Where a task runs: Spark's identity of it, its GPUs, and the fault-injection setting. */
  public record TaskInfo(int stage, int partition, int attempt, List<String> gpus, long failAfterRows) {}

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    TaskContext tc = TaskContext.get();
    ResourceInformation gpu = tc.resourcesJMap().get("gpu");
    String failAfter = tc.getLocalProperty(InferenceTask.FAIL_AFTER_ROWS_PROPERTY);
    TaskInfo info = new TaskInfo(tc.stageId(), tc.partitionId(), tc.attemptNumber(),
        gpu == null ? List.of() : Arrays.asList(gpu.addresses()),
        failAfter == null ? -1 : Long.parseLong(failAfter));
    Run run = new Run(task, info);
    tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> run.close());
    return run.rows(rows);
  }

  /** One task's run; usable without Spark (tests drive it with their own TaskInfo). */
  public static final class Run implements AutoCloseable {
    private final InferenceTask task;
    private final TaskInfo info;
    private final InferenceSpec inference;
    private final ResponseCache.SegmentWriter segment;
    private final Map<String, ResponseCache.Entry> index;
    private final Map<String, ModelSpec> models = new HashMap<>();
    private final Map<String, ModelCaller> callers = new HashMap<>();
    private final Map<String, ModelCaller> helpers = new HashMap<>();
    private final Map<String, DefenseSpec> defenseSpecs = new HashMap<>();
    private final Map<String, Defense> defenses = new HashMap<>();

    public Run(InferenceTask task, TaskInfo info) {
      this.task = task;
      this.info = info;
      this.inference = task.inference();
      String prefix = ResponseCache.segmentPrefix(task.runTag(), info.stage(), info.partition());
      ResponseCache.Scope scope = new ResponseCache.Scope(task.runDate(), inference.reusesAcrossRuns());
      this.index = ResponseCacheIndex.forRun(task.images().configuration(), task.cacheDir(), task.runTag(), scope);
      if (info.attempt() > 0) {
        try { // an earlier attempt may have run in another JVM after this one loaded the cache
          ResponseCache.load(task.images().configuration(), task.cacheDir(), prefix, scope, index);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read response cache " + task.cacheDir() + ": " + e.getMessage(), e);
        }
      }
      this.segment = new ResponseCache.SegmentWriter(task.images().configuration(), task.cacheDir(), prefix, info.attempt());
      ResponseCache.Origin origin = new ResponseCache.Origin(task.runId(), task.runDate());
      for (ModelSpec spec : task.models()) {
        models.put(spec.name(), addCaller(callers, spec, origin));
      }
      for (ModelSpec spec : task.helpers()) {
        addCaller(helpers, spec, origin);
      }
      for (DefenseSpec d : task.defenses()) {
        defenseSpecs.put(d.label(), d);
        defenses.put(d.label(), Defenses.create(d));
      }
    }

    /** A cached caller for {@code configured}, placed on this task's GPUs, into {@code into}; the placed spec. */
    private ModelSpec addCaller(Map<String, ModelCaller> into, ModelSpec configured, ResponseCache.Origin origin) {
      ModelSpec spec = ModelPlacement.resolve(configured, info.gpus());
      int share = ModelPlacement.isExecutorLocal(configured) ? 1 : task.jvmShare();
      ModelCaller shared = ModelClients.shared(spec, inference, task.images(), share);
      into.put(spec.name(), new CachingModelCaller(shared, spec, index, segment, origin));
      return spec;
    }

    public Iterator<Row> rows(Iterator<Row> input) {
      Iterator<Outcome<Row>> out = BoundedConcurrency.mapOrdered(input, inference.window(), this::process);
      return new Iterator<>() {
        private long emitted;

        @Override
        public boolean hasNext() {
          return out.hasNext();
        }

        @Override
        public Row next() {
          if (info.failAfterRows() >= 0 && emitted >= info.failAfterRows()) {
            throw new IllegalStateException("Injected task failure after " + emitted + " rows ("
                + InferenceTask.FAIL_AFTER_ROWS_PROPERTY + ")");
          }
          Outcome<Row> o = out.next();
          if (!o.ok()) { // process() handles every failure itself; reaching here is a bug worth a loud task failure
            throw new IllegalStateException("Cannot build response row: " + o.error(), o.error());
          }
          emitted++;
          return o.value();
        }
      };
    }

    private CompletableFuture<Row> process(Row work) {
      try {
        return respond(work);
      } catch (RuntimeException e) { // a malformed work row becomes an error row, not a failed task
        String modelName = work.getString(work.fieldIndex(InferenceTask.MODEL_COL));
        String label = work.getString(work.fieldIndex(InferenceTask.DEFENSE_COL));
        ModelResponse bad = new ModelResponse(null, ModelResponse.Status.CLIENT_ERROR, null, null, null, null, null,
            null, 0, null, "Cannot build request for probe " + SharedColumns.PROBE_ID.getString(work) + ": "
                + describe(e), false);
        return CompletableFuture.completedFuture(row(work, models.get(modelName), label, defenses.get(label),
            new DefendedResponse(bad, null), "unavailable"));
      }
    }

    private CompletableFuture<Row> respond(Row work) {
      String modelName = work.getString(work.fieldIndex(InferenceTask.MODEL_COL));
      String label = work.getString(work.fieldIndex(InferenceTask.DEFENSE_COL));
      ModelSpec spec = models.get(modelName);
      Defense defense = defenses.get(label);
      ModelRequest request = InferenceRequests.fromProbe(spec, work);
      String directId = RequestIds.of(spec, request);
      int admittedIndex = indexOf(work, InferenceTask.ADMITTED_COL);
      if (admittedIndex >= 0 && !work.isNullAt(admittedIndex) && !work.getBoolean(admittedIndex)) {
        int capIndex = indexOf(work, InferenceTask.CAP_COL);
        String cap = capIndex < 0 || work.isNullAt(capIndex) ? "inference.max-requests / max-tokens"
            : work.getString(capIndex);
        ModelResponse capped = new ModelResponse(directId, ModelResponse.Status.BUDGET_EXHAUSTED, null, null, null,
            null, null, null, 0, null, "Cannot call model " + modelName + ": " + BUDGET_EXHAUSTED_TEXT + " (" + cap
                + ")", false);
        return CompletableFuture.completedFuture(row(work, spec, label, defense, new DefendedResponse(capped, null),
            directId));
      }
      DefenseTools tools = new DefenseTools(callers.get(modelName), helpers::get, task.images());
      CompletableFuture<DefendedResponse> answer;
      try {
        answer = defense.respond(request, tools);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      return answer.handle((dr, error) -> {
        DefendedResponse r = dr != null ? dr : new DefendedResponse(new ModelResponse(directId,
            ModelResponse.Status.CLIENT_ERROR, null, null, null, null, null, null, 0, null,
            "Cannot apply defense " + label + ": " + describe(error), false), null);
        return row(work, spec, label, defense, r, directId);
      });
    }

    private Row row(Row work, ModelSpec spec, String label, Defense defense, DefendedResponse dr, String directId) {
      ModelResponse r = dr.response();
      boolean simulated = endpointIsSimulator(spec, r.endpoint());
      ResponseCache.Entry reused = r.cacheHit() && r.requestId() != null ? index.get(r.requestId()) : null;
      String probeId = SharedColumns.PROBE_ID.getString(work);
      Row out = ResponsesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, task.runId())
          .set(SharedColumns.RUN_DATE, task.runDate())
          .set(SharedColumns.MODEL, spec.name())
          .set(SharedColumns.RESPONSE_ID, Hashing.shortId(probeId, spec.name(), label))
          .set(SharedColumns.DEFENSE, label)
          .set(ResponsesTable.DEFENSE_VERSION, defense.version())
          .set(ResponsesTable.DEFENSE_PARAMS, CanonicalJson.write(defense.params()))
          .set(ResponsesTable.MODEL_ID, spec.model())
          .set(ResponsesTable.REVISION, spec.revision())
          .set(SharedColumns.SIMULATOR, simulated)
          .set(ResponsesTable.GEN_PARAMS, RequestIds.generationJson(spec.generation()))
          .set(ResponsesTable.REQUEST_ID, r.requestId() != null ? r.requestId() : directId)
          .set(ResponsesTable.TEXT_SHA256, r.text() == null ? null : Hashing.sha256Hex(r.text()))
          .set(ResponsesTable.REUSED_FROM_RUN_ID, reused == null ? null : reused.runId())
          .set(ResponsesTable.REUSED_FROM_RUN_DATE, reused == null ? null : reused.runDate())
          .set(ResponsesTable.DEFENSE_TRACE, dr.traceJson())
          .set(ResponsesTable.SOURCE, "generated")
          .copyFrom(r)
          .copyFrom(work)
          .build();
      InferenceProgress.Accumulators acc = task.accumulators();
      if (acc != null) {
        InferenceTask.add(acc.done(), 1);
        InferenceTask.add(acc.calls(), r.attempts());
        InferenceTask.add(acc.cacheHits(), r.cacheHit() ? 1 : 0);
        boolean error = !ModelResponse.Status.OUTCOMES.contains(r.status());
        InferenceTask.add(acc.errors(), error ? 1 : 0);
      }
      return out;
    }

    private static boolean endpointIsSimulator(ModelSpec spec, String endpoint) {
      for (EndpointSpec e : spec.endpoints()) {
        if (e.name().equals(endpoint)) {
          return e.isSimulator();
        }
      }
      return spec.usesSimulator();
    }

    private static int indexOf(Row row, String name) {
      for (int i = 0; i < row.schema().fields().length; i++) {
        if (row.schema().fields()[i].name().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    private static String describe(Throwable t) {
      Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
      return c == null ? "unknown error" : c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    @Override
    public void close() {
      segment.close();
    }
  }
}
