package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.attack.AttackScope;
import dev.mmsafety.udf.attack.Seeds;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttack;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.attack.adaptive.JudgeScorer;
import dev.mmsafety.udf.attack.adaptive.SearchDriver;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.http.BoundedConcurrency;
import dev.mmsafety.udf.http.Outcome;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.model.CachingModelCaller;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelPlacement;
import dev.mmsafety.udf.model.ResponseCache;
import dev.mmsafety.udf.model.ResponseCacheIndex;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
 * Cases -> tagged rows ({@link AttackRows#SCHEMA}) for the adaptive attacks (pair, tap): per case, applicable
 * adaptive attack and model under test, one search ({@link dev.mmsafety.udf.attack.adaptive.AdaptiveSearch}), its
 * nodes as attack_rounds rows, and one probe bound to that model (with its carrier image's lineage) or one reject.
 * Searches interleave through one bounded window of {@code inference.window} searches; every call goes through the
 * one model client and the response cache (deterministic request ids), so a re-run of a finished search makes no
 * call, a killed run resumes from the answers already cached, and the inference stage answers the final probe from
 * the cache (the target already answered it during the search).
 */
public final class AdaptiveSearchFunction implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  /** Everything a task needs, serializable (specs travel as JSON). */
  public record Task(
      List<String> specsJson, List<String> judgesJson, String targetsJson, String helpersJson, String inferenceJson,
      long runSeed, String runId, String runDate, String outputRoot, String cacheDir, String runTag, int jvmShare,
      HadoopImageLoader images) implements Serializable {
    /** {@code judges}: the config's judges, which scorers name. */
    public static Task of(List<AttackSpec> specs, List<JudgeSpec> judges, List<ModelSpec> targets,
        List<ModelSpec> helpers, InferenceSpec inference, long runSeed, String runId, String runDate,
        String outputRoot, String runTag, int jvmShare, HadoopImageLoader images) {
      return new Task(specs.stream().map(CanonicalJson::write).toList(),
          judges.stream().map(CanonicalJson::write).toList(), InferenceSpecs.write(targets),
          InferenceSpecs.write(helpers), InferenceSpecs.write(inference), runSeed, runId, runDate, outputRoot,
          ResponseCache.dir(outputRoot), runTag, jvmShare, images);
    }
  }

  private final Task task;

  public AdaptiveSearchFunction(Task task) {
    this.task = task;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> cases) {
    TaskContext tc = TaskContext.get();
    ResourceInformation gpu = tc.resourcesJMap().get("gpu");
    Run run = new Run(task, tc.stageId(), tc.partitionId(), tc.attemptNumber(),
        gpu == null ? List.of() : Arrays.asList(gpu.addresses()));
    tc.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> run.close());
    return run.rows(cases);
  }

  /** One planned adaptive attack; {@code scorer} is its scorer judge, or null. */
  private record Plan(AttackSpec spec, AdaptiveAttack attack, String paramsJson, AttackScope scope, Judge scorer) {}

  /** One search to run: a case, an attack, a model under test. */
  private record Work(Row caseRow, Plan plan, String target) {}

  /** One task's searches; usable without Spark. */
  public static final class Run implements AutoCloseable {
    private final Task task;
    private final InferenceSpec inference;
    private final ResponseCache.SegmentWriter segment;
    private final Map<String, ModelCaller> callers = new HashMap<>();
    private final List<String> targets = new ArrayList<>();
    private final List<Plan> plans = new ArrayList<>();
    private final AdaptiveProbes probes;

    public Run(Task task, int stage, int partition, int attempt, List<String> gpus) {
      this.task = task;
      this.inference = InferenceSpecs.inference(task.inferenceJson());
      String prefix = ResponseCache.segmentPrefix(task.runTag(), stage, partition);
      ResponseCache.Scope scope = new ResponseCache.Scope(task.runDate(), inference.reusesAcrossRuns());
      Map<String, ResponseCache.Entry> index =
          ResponseCacheIndex.forRun(task.images().configuration(), task.cacheDir(), task.runTag(), scope);
      if (attempt > 0) {
        try { // an earlier attempt may have run in another JVM after this one loaded the cache
          ResponseCache.load(task.images().configuration(), task.cacheDir(), prefix, scope, index);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot read response cache " + task.cacheDir() + ": " + e.getMessage(), e);
        }
      }
      this.segment =
          new ResponseCache.SegmentWriter(task.images().configuration(), task.cacheDir(), prefix, attempt);
      ResponseCache.Origin origin = new ResponseCache.Origin(task.runId(), task.runDate());
      List<ModelSpec> all = new ArrayList<>(InferenceSpecs.models(task.targetsJson()));
      all.forEach(m -> targets.add(m.name()));
      all.addAll(InferenceSpecs.models(task.helpersJson()));
      for (ModelSpec configured : all) {
        ModelSpec spec = ModelPlacement.resolve(configured, gpus);
        int share = ModelPlacement.isExecutorLocal(configured) ? 1 : task.jvmShare();
        ModelCaller shared = ModelClients.shared(spec, inference, task.images(), share);
        callers.put(spec.name(), new CachingModelCaller(shared, spec, index, segment, origin));
      }
      List<JudgeSpec> judges = task.judgesJson().stream().map(j -> read(j, JudgeSpec.class)).toList();
      Map<String, JudgeSpec> byName = new HashMap<>();
      judges.forEach(j -> byName.put(j.name(), j));
      // scorer judges call their models through this task's cached callers, as the attacker and target do
      Judges.Resources resources = new Judges.Resources((model, settings) -> caller(model.name()), inference,
          task.images(), InferenceSpecs.models(task.helpersJson()));
      for (String json : task.specsJson()) {
        AttackSpec spec = read(json, AttackSpec.class);
        AdaptiveAttack attack = AdaptiveAttacks.create(spec.label(), spec.name(), spec.params());
        JudgeScorer.checkDeclared(attack, spec.label(), judges);
        Judge scorer = attack.scorer() == null ? null : Judges.create(byName.get(attack.scorer()), byName, resources);
        plans.add(new Plan(spec, attack, CanonicalJson.write(attack.params()), AttackScope.of(spec), scorer));
      }
      this.probes = new AdaptiveProbes(task.runId(), task.runDate(),
          new ImageStore(task.outputRoot(), task.images().configuration()));
    }

    private static <T> T read(String json, Class<T> type) {
      try {
        return CanonicalJson.mapper().readValue(json, type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public Iterator<Row> rows(Iterator<Row> cases) {
      Iterator<Outcome<List<Row>>> out = BoundedConcurrency.mapOrdered(work(cases), inference.window(), this::search);
      return FlatMapIterator.of(out, o -> {
        if (!o.ok()) { // search() turns every failure into a reject; reaching here is a bug worth a loud failure
          throw new IllegalStateException("Cannot build adaptive attack rows: " + o.error(), o.error());
        }
        return o.value();
      });
    }

    /** Cases expanded lazily into (case, attack, model) searches, in input order. */
    private Iterator<Work> work(Iterator<Row> cases) {
      return FlatMapIterator.of(cases, c -> {
        List<Work> work = new ArrayList<>();
        boolean hasImage = has(c, CasesTable.IMAGE_URI.name()) && !c.isNullAt(c.fieldIndex(CasesTable.IMAGE_URI.name()));
        for (Plan p : plans) {
          if (p.scope().applies(SharedColumns.BENCHMARK.getString(c), variant(c), hasImage)) {
            targets.forEach(t -> work.add(new Work(c, p, t)));
          }
        }
        return work;
      });
    }

    private CompletableFuture<List<Row>> search(Work w) {
      String caseId = SharedColumns.CASE_ID.getString(w.caseRow());
      AttackSpec spec = w.plan().spec();
      long seed = spec.seed() != null ? spec.seed() : Seeds.derive(task.runSeed(), caseId, spec.label());
      AdaptiveAttack attack = w.plan().attack();
      AdaptiveProbes.Search s = new AdaptiveProbes.Search(w.caseRow(), spec.label(), attack, w.plan().paramsJson(),
          seed, w.target());
      try {
        Judge judge = w.plan().scorer();
        SearchDriver driver = new SearchDriver(model(attack.attacker()),
            attack.evaluator() == null ? null : model(attack.evaluator()), model(w.target()),
            judge == null ? null : new JudgeScorer(judge, SharedColumns.BENCHMARK.getString(w.caseRow()),
                category(w.caseRow())));
        return driver.run(attack.search(goal(w.caseRow()), seed))
            .handle((o, error) -> error == null ? probes.rows(s, o) : probes.failed(s, error));
      } catch (RuntimeException e) {
        return CompletableFuture.completedFuture(probes.failed(s, e));
      }
    }

    private SearchDriver.Model model(String name) {
      return new SearchDriver.Model(name, caller(name), null);
    }

    private ModelCaller caller(String name) {
      ModelCaller caller = callers.get(name);
      if (caller == null) {
        throw new IllegalStateException("Cannot run adaptive search: no model or helper named " + name);
      }
      return caller;
    }

    /** The search's goal: the case's underlying instruction, else its prompt. */
    static String goal(Row c) {
      String source = has(c, CasesTable.SOURCE_TEXT.name()) ? c.getString(c.fieldIndex(CasesTable.SOURCE_TEXT.name()))
          : null;
      return source != null && !source.isBlank() ? source : CasesTable.PROMPT_TEXT.getString(c);
    }

    private static String variant(Row c) {
      return optional(c, SharedColumns.VARIANT.name());
    }

    private static String category(Row c) {
      return optional(c, SharedColumns.NATIVE_CATEGORY.name());
    }

    private static String optional(Row c, String name) {
      return has(c, name) && !c.isNullAt(c.fieldIndex(name)) ? c.getString(c.fieldIndex(name)) : null;
    }

    private static boolean has(Row row, String name) {
      return Arrays.asList(row.schema().fieldNames()).contains(name);
    }

    @Override
    public void close() {
      segment.close();
    }
  }
}
