package dev.mmsafety.udf.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.RequestIds;
import dev.mmsafety.udf.model.ResponseCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Plans an inference stage before anything is called: the work rows (probe x model x defense), each row's
 * request id (computable without images, since ids use image hashes), which are already in the response cache,
 * and which fit the run's budget (max requests / max tokens). Uncached rows are admitted in a stratified,
 * deterministic order (see {@link #admit}); a cached row is always admitted since it costs nothing.
 *
 * <p>Budget admission ranks all rows in one window, i.e. on one partition: fine for the millions of rows a run
 * has, and only done when a cap is set.
 */
public final class InferencePlanner {
  public static final String CACHED_COL = "_mm_cached";
  /** Prompt tokens counted per image in estimates (a typical ViT tiling; servers differ). */
  public static final int TOKENS_PER_IMAGE_DEFAULT = 576;
  private static final String STRATUM_COL = "_mm_stratum";
  private static final String STRATUM_HASH_COL = "_mm_stratum_hash";
  private static final String CASE_HASH_COL = "_mm_case_hash";
  private static final String SHARE_COL = "_mm_share";

  private InferencePlanner() {}

  /**
   * Probes crossed with every (model, defense) pair (a probe bound to a target model only with that model), as
   * {@link InferenceTask#MODEL_COL}/{@code DEFENSE_COL}.
   */
  public static Dataset<Row> work(
      SparkSession spark, Dataset<Row> probes, List<ModelSpec> models, List<DefenseSpec> defenses) {
    List<Row> pairs = new ArrayList<>();
    for (ModelSpec m : models) {
      for (DefenseSpec d : defenses) {
        pairs.add(RowFactory.create(m.name(), d.label()));
      }
    }
    StructType schema = new StructType()
        .add(InferenceTask.MODEL_COL, DataTypes.StringType, false)
        .add(InferenceTask.DEFENSE_COL, DataTypes.StringType, false);
    Dataset<Row> work = probes.crossJoin(functions.broadcast(spark.createDataFrame(pairs, schema)));
    String bound = ProbesTable.TARGET_MODEL.name();
    // an adaptive attack's probe was searched against one model under test: only that model answers it
    return java.util.Arrays.asList(probes.columns()).contains(bound)
        ? work.where(col(bound).isNull().or(col(bound).equalTo(col(InferenceTask.MODEL_COL)))) : work;
  }

  /** Adds the request id the model under test would get without a defense (the cache key of a plain call). */
  public static Dataset<Row> withRequestIds(Dataset<Row> work, List<ModelSpec> models) {
    String modelsJson = InferenceSpecs.write(models);
    UDF4<String, String, scala.collection.Seq<String>, scala.collection.Seq<String>, String> id =
        (model, text, uris, shas) -> {
          ModelSpec spec = InferenceSpecs.models(modelsJson).stream()
              .filter(m -> m.name().equals(model)).findFirst().orElseThrow();
          return RequestIds.of(spec, InferenceRequests.build(spec, text,
              uris == null ? List.of() : scala.jdk.javaapi.CollectionConverters.asJava(uris),
              shas == null ? List.of() : scala.jdk.javaapi.CollectionConverters.asJava(shas)));
        };
    Column idColumn = functions.udf(id, DataTypes.StringType).apply(col(InferenceTask.MODEL_COL),
        col(ProbesTable.PROMPT_TEXT.name()), col(ProbesTable.IMAGE_URIS.name()), col(ProbesTable.IMAGE_SHA256S.name()));
    return work.withColumn(InferenceTask.REQUEST_ID_COL, idColumn);
  }

  /**
   * Distinct request ids in the response cache under {@code outputRoot} that {@code scope} admits (empty when
   * there is none): the same lines the inference tasks will answer from.
   */
  public static Dataset<Row> cachedIds(SparkSession spark, String outputRoot, ResponseCache.Scope scope) {
    String dir = ResponseCache.dir(outputRoot);
    StructType schema = new StructType().add("_mm_cached_id", DataTypes.StringType, false);
    try {
      Path path = new Path(dir);
      if (!path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path)) {
        return spark.createDataFrame(List.of(), schema);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read response cache " + dir + ": " + e.getMessage(), e);
    }
    Column runDate = get_json_object(col("value"), "$.run_date");
    Column admitted = lit(true);
    if (scope.runDate() != null) {
      admitted = runDate.equalTo(lit(scope.runDate()));
      if (scope.acrossRuns()) {
        admitted = admitted.or(runDate.isNotNull().and(get_json_object(col("value"), "$.revision").isNotNull()));
      }
    }
    return spark.read().option("pathGlobFilter", "*.jsonl").text(dir)
        .where(admitted)
        .select(get_json_object(col("value"), "$.request_id").as("_mm_cached_id"))
        .where(col("_mm_cached_id").isNotNull())
        .distinct();
  }

  /**
   * Adds {@link #CACHED_COL}, {@link InferenceTask#ADMITTED_COL} (true for all rows when no cap is set) and
   * {@link InferenceTask#CAP_COL} (which cap a row that is not admitted ran into).
   *
   * <p>Under a cap, rows are admitted in a stratified order so what is measured stays representative: the strata
   * are (dataset, polarity, category); within a stratum, cases are ordered by a hash of the case id (so every
   * attack, model and defense of a case is admitted together, keeping paired comparisons paired), and a case of
   * rank r (0-based) among n gets the share r / n. Rows are admitted by increasing share, ties broken by a hash of
   * the stratum: every stratum first gets its first case, then cases in proportion to the stratum's size, so a
   * cap of k% measures about k% of every stratum. The order depends only on the probes, never on the cache, so a
   * resumed night admits the same rows. Cached rows cost nothing and are always admitted.
   */
  public static Dataset<Row> admit(
      Dataset<Row> withIds, Dataset<Row> cachedIds, InferenceSpec inference, List<ModelSpec> models) {
    Dataset<Row> marked = withIds
        .join(functions.broadcast(cachedIds.withColumn(CACHED_COL, lit(true))),
            col(InferenceTask.REQUEST_ID_COL).equalTo(col("_mm_cached_id")), "left")
        .drop("_mm_cached_id")
        .withColumn(CACHED_COL, coalesce(col(CACHED_COL), lit(false)));
    if (inference.maxRequests() == null && inference.maxTokens() == null) {
      return marked.withColumn(InferenceTask.ADMITTED_COL, lit(true))
          .withColumn(InferenceTask.CAP_COL, lit(null).cast(DataTypes.StringType));
    }
    Dataset<Row> ranked = stratified(marked);
    WindowSpec order = Window.orderBy(col(SHARE_COL), col(STRATUM_HASH_COL), col(STRATUM_COL), col(CASE_HASH_COL),
            col(SharedColumns.CASE_ID.name()), col(SharedColumns.PROBE_ID.name()), col(InferenceTask.MODEL_COL),
            col(InferenceTask.DEFENSE_COL))
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column uncached = when(col(CACHED_COL), lit(0L)).otherwise(lit(1L));
    Column requestsFit = inference.maxRequests() == null ? lit(true)
        : sum(uncached).over(order).leq(lit(inference.maxRequests()));
    Column tokensFit = inference.maxTokens() == null ? lit(true)
        : sum(uncached.multiply(maxCompletionTokens(models))).over(order).leq(lit(inference.maxTokens()));
    Column cap = when(col(CACHED_COL), lit(null));
    if (inference.maxRequests() != null) {
      cap = cap.when(functions.not(requestsFit), lit(capName("max-requests", inference.maxRequests())));
    }
    if (inference.maxTokens() != null) {
      cap = cap.when(functions.not(tokensFit), lit(capName("max-tokens", inference.maxTokens())));
    }
    return ranked.withColumn(InferenceTask.CAP_COL, cap.cast(DataTypes.StringType))
        .withColumn(InferenceTask.ADMITTED_COL, col(InferenceTask.CAP_COL).isNull())
        .drop(SHARE_COL, STRATUM_HASH_COL, STRATUM_COL, CASE_HASH_COL);
  }

  /** How a cap is named in rows, runs and the report, e.g. {@code inference.max-requests=40}. */
  public static String capName(String key, long value) {
    return "inference." + key + "=" + value;
  }

  /** Adds each row's stratum and its case's share within the stratum (see {@link #admit}). */
  static Dataset<Row> stratified(Dataset<Row> rows) {
    Column category = coalesce(col(SharedColumns.CANONICAL_CATEGORY.name()),
        col(SharedColumns.NATIVE_CATEGORY.name()), lit(""));
    Column stratum = functions.concat_ws("\u0001", coalesce(col(SharedColumns.DATASET.name()), lit("")),
        coalesce(col(SharedColumns.POLARITY.name()), lit("")), category);
    Dataset<Row> keyed = rows.withColumn(STRATUM_COL, stratum)
        .withColumn(STRATUM_HASH_COL, functions.xxhash64(col(STRATUM_COL)))
        .withColumn(CASE_HASH_COL, functions.xxhash64(col(SharedColumns.CASE_ID.name())));
    WindowSpec inStratum = Window.partitionBy(col(STRATUM_COL));
    Column rank = functions.dense_rank().over(inStratum.orderBy(col(CASE_HASH_COL), col(SharedColumns.CASE_ID.name())));
    return keyed.withColumn(SHARE_COL, rank)
        .withColumn(SHARE_COL, col(SHARE_COL).minus(1).divide(functions.max(col(SHARE_COL)).over(inStratum)));
  }

  /** The completion-token upper bound of each row's model (its max-tokens). */
  static Column maxCompletionTokens(List<ModelSpec> models) {
    Column c = lit((long) maxTokens(GenerationSpec.DEFAULT));
    for (ModelSpec m : models) {
      c = when(col(InferenceTask.MODEL_COL).equalTo(m.name()), lit((long) maxTokens(m.generation()))).otherwise(c);
    }
    return c;
  }

  static int maxTokens(GenerationSpec g) {
    return g.completionLimit() == null ? 512 : g.completionLimit();
  }

  /** One model's line of a plan. */
  public record ModelPlan(String model, long requests, long cached, long toCall, long overBudget,
      long estPromptTokens, long maxCompletionTokens) {}

  /**
   * Requests per model from admitted work rows: how many, how many the cache answers, how many the budget cuts,
   * prompt tokens estimated as characters / 4 plus {@code tokensPerImage} per image (system prompt included), and
   * the completion-token upper bound (max-tokens per call).
   */
  public static List<ModelPlan> plan(Dataset<Row> admitted, List<ModelSpec> models, int tokensPerImage) {
    Column systemChars = lit(0);
    for (ModelSpec m : models) {
      int chars = m.systemPrompt() == null ? 0 : m.systemPrompt().length();
      systemChars = when(col(InferenceTask.MODEL_COL).equalTo(m.name()), lit(chars)).otherwise(systemChars);
    }
    Column toCall = col(InferenceTask.ADMITTED_COL).and(functions.not(col(CACHED_COL)));
    Column promptTokens = coalesce(length(col(ProbesTable.PROMPT_TEXT.name())), lit(0)).plus(systemChars)
        .divide(4).cast(DataTypes.LongType)
        .plus(size(col(ProbesTable.IMAGE_URIS.name())).multiply(tokensPerImage));
    List<Row> rows = admitted.groupBy(col(InferenceTask.MODEL_COL))
        .agg(count(lit(1)).as("requests"),
            sum(when(col(CACHED_COL), 1L).otherwise(0L)).as("cached"),
            sum(when(toCall, 1L).otherwise(0L)).as("to_call"),
            sum(when(functions.not(col(InferenceTask.ADMITTED_COL)), 1L).otherwise(0L)).as("over_budget"),
            sum(when(toCall, promptTokens).otherwise(0L)).as("prompt_tokens"),
            sum(when(toCall, maxCompletionTokens(models)).otherwise(0L)).as("completion_tokens"))
        .orderBy(col(InferenceTask.MODEL_COL))
        .collectAsList();
    List<ModelPlan> plans = new ArrayList<>();
    for (Row r : rows) {
      plans.add(new ModelPlan(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
          r.isNullAt(5) ? 0 : r.getLong(5), r.isNullAt(6) ? 0 : r.getLong(6)));
    }
    return plans;
  }
}
