package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.spark.JudgeRowsFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Runs judges over responses into judgments: one row per response x judge.
 *
 * <p>Reads the given responses (or this run's responses table), left-joins the probes (question, image) and cases
 * (context such as HarmBench's image description) when available, crosses them with the judges, and looks each
 * (judge, template hash, response id, text hash) up in the judgment cache under {@code <out>/cache/judgments/}.
 * Only misses are judged, in {@code spark.partitions} partitions (one shuffle) with at most
 * {@code inference.window} calls in flight per partition. Judgments are written, read back, and only then are new
 * cacheable verdicts (remote judges, status ok or unparseable) appended to the cache: the judged data is computed
 * once, so no judge is called twice.
 */
public final class JudgeResponsesJob extends StageJob<JudgeResponsesJob> {
  public static final String JOB_GROUP = "JUDGE-RESPONSES";
  public static final String CACHE_DIR = "cache/judgments";
  static final String CACHE_KEY = "cache_key";

  private Dataset<Row> probes;
  private Dataset<Row> cases;
  private List<JudgeSpec> judges;
  private JudgeCallers callers = JudgeCallers.SHARED_CLIENT;

  JudgeResponsesJob(RunContext context) {
    super(context);
  }

  /** Probes giving judges the question and image; default: this run's probes table when present. */
  public JudgeResponsesJob probes(Dataset<Row> rows) {
    return set(() -> probes = rows);
  }

  /** Cases giving judges their context fields; default: this run's cases table when present. */
  public JudgeResponsesJob cases(Dataset<Row> rows) {
    return set(() -> cases = rows);
  }

  /** The judges to run instead of the config's {@code judges}. */
  public JudgeResponsesJob judges(List<JudgeSpec> specs) {
    return set(() -> judges = nonEmpty(specs, "judges"));
  }

  /** How LLM and guard judges get their model client (default: {@link JudgeCallers#SHARED_CLIENT}). */
  public JudgeResponsesJob callers(JudgeCallers factory) {
    return set(() -> callers = java.util.Objects.requireNonNull(factory, "callers"));
  }

  public Result execute() {
    List<JudgeSpec> specs = judges != null ? judges : context.config().judges();
    if (specs.isEmpty()) {
      throw new ConfigException("Cannot judge responses: no judges configured");
    }
    // Creating the judges on the driver checks the config (types, lists, templates) before any task starts.
    List<JudgeSpec> pool = context.config().judges();
    Judges.Resources resources =
        new Judges.Resources(callers, context.config().inference(), null, context.config().helpers());
    Map<String, Judge> declared = Judges.createAll(specs, pool, resources);
    CascadeCuts.preflightEncoders(declared);
    Dataset<Row> responses = input != null ? input : context.tables().readRun(ResponsesTable.INSTANCE, context.runId());
    return context.inJobGroup(JOB_GROUP, "judge responses with " + declared.keySet(), () -> {
      Dataset<Row> withContext = withContext(conformResponses(responses));
      List<JudgeSpec> resolved =
          CascadeCuts.resolve(withContext, specs, pool, context.config().helpers(), declared);
      Map<String, Judge> created = resolved == specs ? declared : Judges.createAll(resolved, pool, resources);
      Dataset<Row> pairs = withCache(withJudges(withContext, created));
      Dataset<Row> judged =
          pairs.repartition(context.partitions())
              .mapPartitions(
                  new JudgeRowsFunction(resolved, pool, context.config().helpers(), context.config().inference(),
                      callers, context.runId(), context.runDate()),
                  Encoders.row(JudgmentsTable.INSTANCE.schema()));
      context.tables().write(judged, JudgmentsTable.INSTANCE);
      Dataset<Row> written = context.tables().readRun(JudgmentsTable.INSTANCE, context.runId());
      if (created.values().stream().anyMatch(Judge::remote)) {
        appendToCache(written, pairs);
      }
      return JudgeCounts.of(written, created);
    });
  }

  private static Dataset<Row> conformResponses(Dataset<Row> responses) {
    Dataset<Row> conformed = dev.mmsafety.jobs.io.TableIO.conform(responses, ResponsesTable.INSTANCE);
    return conformed.withColumn(
        "_text_sha",
        org.apache.spark.sql.functions.coalesce(
            col(ResponsesTable.TEXT_SHA256.name()), org.apache.spark.sql.functions.sha2(col("text"), 256),
            lit("")));
  }

  /**
   * Adds question, first image and the context map from probes and cases when they can be found. The probe gives
   * the question (its source text, else its prompt) and image; without a probe (imported responses) the case
   * gives them (source text, else prompt text; image_uri). The context map is the case's extra map plus
   * safety_warning and reference_answer.
   */
  private Dataset<Row> withContext(Dataset<Row> responses) {
    Dataset<Row> p = probes != null ? probes : existing(ProbesTable.INSTANCE);
    Dataset<Row> c = cases != null ? cases : existing(CasesTable.INSTANCE);
    // Tables given by path may come from older versions: read them through the contract.
    p = p == null ? null : dev.mmsafety.jobs.io.TableIO.conform(p, ProbesTable.INSTANCE);
    c = c == null ? null : dev.mmsafety.jobs.io.TableIO.conform(c, CasesTable.INSTANCE);
    Dataset<Row> out = responses;
    Column pQuestion = lit(null).cast(DataTypes.StringType);
    Column pImage = lit(null).cast(DataTypes.StringType);
    Column cQuestion = lit(null).cast(DataTypes.StringType);
    Column cImage = lit(null).cast(DataTypes.StringType);
    Column context = lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));
    if (p != null) {
      Dataset<Row> slim =
          p.select(
                  col(SharedColumns.PROBE_ID.name()).as("_p_probe_id"),
                  functions.coalesce(col("source_text"), col("prompt_text")).as("_p_question"),
                  functions.try_element_at(col("image_uris"), lit(1)).as("_p_image"))
              .dropDuplicates("_p_probe_id");
      out = out.join(slim, col(SharedColumns.PROBE_ID.name()).equalTo(col("_p_probe_id")), "left")
          .drop("_p_probe_id");
      pQuestion = col("_p_question");
      pImage = col("_p_image");
    }
    if (c != null) {
      Dataset<Row> slim =
          c.select(
                  col(SharedColumns.CASE_ID.name()).as("_c_case_id"),
                  functions.coalesce(col("source_text"), col("prompt_text")).as("_c_question"),
                  col("image_uri").as("_c_image"),
                  functions.map_concat(
                          functions.coalesce(
                              col("extra"), functions.map().cast(
                                  DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))),
                          functions.map_filter(
                              functions.map(
                                  lit("safety_warning"), col("safety_warning"),
                                  lit("reference_answer"), col("reference_answer")),
                              (k, v) -> v.isNotNull()))
                      .as("_c_context"))
              .dropDuplicates("_c_case_id");
      out = out.join(slim, col(SharedColumns.CASE_ID.name()).equalTo(col("_c_case_id")), "left").drop("_c_case_id");
      cQuestion = col("_c_question");
      cImage = col("_c_image");
      context = col("_c_context");
    }
    return out.withColumn(JudgeRowsFunction.QUESTION_COL, functions.coalesce(pQuestion, cQuestion))
        .withColumn(JudgeRowsFunction.IMAGE_COL, functions.coalesce(pImage, cImage))
        .withColumn(JudgeRowsFunction.CONTEXT_COL, context)
        .drop("_p_question", "_p_image", "_c_question", "_c_image", "_c_context");
  }

  private Dataset<Row> existing(dev.mmsafety.schemas.TableContract table) {
    if (input == null) {
      try {
        return context.tables().readRun(table, context.runId());
      } catch (RuntimeException e) {
        // No such table for this run (e.g. responses imported without probes): judges get no question.
        return null;
      }
    }
    return null;
  }

  /** One row per response x judge, with the judge's template hash and whether its verdicts are cached. */
  private Dataset<Row> withJudges(Dataset<Row> responses, Map<String, Judge> created) {
    List<Row> rows = new ArrayList<>();
    created.values().forEach(j -> rows.add(RowFactory.create(j.name(), j.templateHash(), j.remote())));
    StructType schema =
        new StructType()
            .add(JudgeRowsFunction.JUDGE_COL, DataTypes.StringType)
            .add("_template_hash", DataTypes.StringType)
            .add("_remote", DataTypes.BooleanType);
    Dataset<Row> judgeRows = context.spark().createDataFrame(rows, schema);
    return responses.crossJoin(org.apache.spark.sql.functions.broadcast(judgeRows))
        .withColumn(
            CACHE_KEY,
            org.apache.spark.sql.functions.sha2(
                org.apache.spark.sql.functions.concat_ws(
                    "\u0000", col(JudgeRowsFunction.JUDGE_COL), col("_template_hash"),
                    col(SharedColumns.RESPONSE_ID.name()), col("_text_sha")),
                256));
  }

  private Dataset<Row> withCache(Dataset<Row> pairs) {
    Dataset<Row> cache = JudgmentCache.read(context.spark(), cachePath());
    Dataset<Row> prefixed = cache;
    for (String name : cache.columns()) {
      if (!name.equals(CACHE_KEY)) {
        prefixed = prefixed.withColumnRenamed(name, JudgeRowsFunction.CACHED_PREFIX + name);
      }
    }
    // Only remote judges use the cache: local ones are cheaper to rerun than to look up.
    return pairs.join(prefixed.withColumnRenamed(CACHE_KEY, "_hit_key"),
            col(CACHE_KEY).equalTo(col("_hit_key")).and(col("_remote")), "left")
        .drop("_hit_key");
  }

  private void appendToCache(Dataset<Row> written, Dataset<Row> pairs) {
    Dataset<Row> keys = pairs.where(col("_remote"))
        .select(col(SharedColumns.RESPONSE_ID.name()).as("_k_response"), col(JudgeRowsFunction.JUDGE_COL),
            col(CACHE_KEY))
        .dropDuplicates(CACHE_KEY);
    Dataset<Row> fresh = written
        .where(col(JudgmentsTable.CACHE_HIT.name()).equalTo(false)
            .and(col(SharedColumns.STATUS.name()).isin("ok", "unparseable")))
        .join(keys, col(SharedColumns.RESPONSE_ID.name()).equalTo(col("_k_response"))
            .and(col(SharedColumns.JUDGE.name()).equalTo(col(JudgeRowsFunction.JUDGE_COL))));
    JudgmentCache.append(fresh, cachePath());
  }

  private String cachePath() {
    return context.outputRoot() + "/" + CACHE_DIR;
  }

  /** Counts of what the job wrote (judgments, per status, cache hits, cascade figures) and summary lines. */
  public record Result(Map<String, Long> counts, List<String> summaryLines)
      implements StageResult {
    public static final Result EMPTY = new Result(new LinkedHashMap<>(), List.of());
  }
}
