package dev.mmsafety.udf.spark;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ImageDataUrls;
import dev.mmsafety.udf.model.ModelClients;
import dev.mmsafety.udf.model.ModelPlacement;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * SQL access to configured models: {@code mllm_generate(model, text, image)} returns a struct
 * {@code (text, status, error, finish_reason, latency_ms, attempts, request_id)} for one request, e.g.
 * {@code SELECT mllm_generate('llava', prompt, image_uri).text FROM t}. {@code image} is a Hadoop URI or local
 * path, or NULL for text only (for a probe: {@code try_element_at(image_uris, 1)}, NULL on text-only rows). The
 * function is non-deterministic (Spark never assumes two calls agree, so it is never evaluated twice for a row,
 * but it is also never moved past a sort or limit) and makes one blocking call per row: fine for exploration;
 * bulk runs use GenerateResponsesJob, which keeps a window of calls in flight and uses the response cache.
 *
 * <p>{@link #registerDryRun} registers a stand-in under the same name that calls nothing and counts the rows it
 * is applied to, so a query can be counted before it is run ({@code ./mmsafety sql}); {@link SqlCallGuard} caps
 * the calls of the real function.
 */
public final class ModelSqlFunctions {
  public static final String GENERATE = "mllm_generate";
  /** Status of a dry-run result (no call was made). */
  public static final String DRY_RUN = "dry_run";
  public static final StructType RESULT = new StructType()
      .add("text", DataTypes.StringType)
      .add("status", DataTypes.StringType, false)
      .add("error", DataTypes.StringType)
      .add("finish_reason", DataTypes.StringType)
      .add("latency_ms", DataTypes.LongType)
      .add("attempts", DataTypes.IntegerType, false)
      .add("request_id", DataTypes.StringType);

  private ModelSqlFunctions() {}

  /** Registers the functions for every model of {@code config} (simulator endpoints must already be resolved). */
  public static void register(SparkSession spark, RunConfig config) {
    spark.udf().register(GENERATE, generate(spark, config.models(), config.inference()));
  }

  /** As {@link #register(SparkSession, RunConfig)}, with at most {@code guard}'s calls (rows past it say so). */
  public static void register(SparkSession spark, RunConfig config, SqlCallGuard guard) {
    spark.udf().register(GENERATE, generate(spark, config.models(), config.inference(), guard));
  }

  /** Registers a stand-in that calls no model and adds one to {@code applied} per row it is applied to. */
  public static void registerDryRun(SparkSession spark, LongAccumulator applied) {
    UDF3<String, String, String, Row> count = (model, text, image) -> {
      applied.add(1);
      return result(null, DRY_RUN, null);
    };
    spark.udf().register(GENERATE, functions.udf(count, RESULT).asNondeterministic());
  }

  /** The UDF itself, for DataFrame use: {@code df.select(ModelSqlFunctions.generate(...).apply(cols))}. */
  public static UserDefinedFunction generate(SparkSession spark, List<ModelSpec> models, InferenceSpec inference) {
    return generate(spark, models, inference, null);
  }

  static UserDefinedFunction generate(
      SparkSession spark, List<ModelSpec> models, InferenceSpec inference, SqlCallGuard guard) {
    String modelsJson = InferenceSpecs.write(models);
    String inferenceJson = InferenceSpecs.write(inference);
    HadoopImageLoader loader = new HadoopImageLoader(spark.sparkContext().hadoopConfiguration());
    UDF3<String, String, String, Row> call = (model, text, image) -> {
      if (guard != null && !guard.tryAcquire()) {
        return result(null, ModelResponse.Status.BUDGET_EXHAUSTED, "Cannot call model " + model + ": --max-calls "
            + guard.maxCalls() + " reached for this query");
      }
      return call(InferenceSpecs.models(modelsJson), InferenceSpecs.inference(inferenceJson), loader, model, text,
          image);
    };
    return functions.udf(call, RESULT).asNondeterministic();
  }

  static Row call(List<ModelSpec> models, InferenceSpec inference, HadoopImageLoader loader, String model, String text,
      String image) {
    ModelSpec spec = models.stream().filter(m -> m.name().equals(model)).findFirst().orElse(null);
    if (spec == null) {
      return result(null, ModelResponse.Status.CLIENT_ERROR, "Cannot call model " + model
          + ": not in the config's models");
    }
    List<ContentPart> parts = new ArrayList<>(2);
    if (text != null && !text.isEmpty()) {
      parts.add(ContentPart.text(text));
    }
    if (image != null) {
      try {
        byte[] bytes = loader.load(image);
        parts.add(ContentPart.imageBytes(image, Hashing.sha256Hex(bytes), bytes, ImageDataUrls.sniffMime(bytes)));
      } catch (IOException | RuntimeException e) {
        return result(null, ModelResponse.Status.CLIENT_ERROR, "Cannot read image " + image + ": " + e.getMessage());
      }
    }
    if (parts.isEmpty()) {
      return result(null, ModelResponse.Status.CLIENT_ERROR, "Cannot call model " + model + ": no text and no image");
    }
    List<ChatMessage> messages = new ArrayList<>(2);
    if (spec.systemPrompt() != null && !spec.systemPrompt().isBlank()) {
      messages.add(ChatMessage.system(spec.systemPrompt()));
    }
    messages.add(ChatMessage.user(parts));
    ModelSpec placed = ModelPlacement.resolve(spec, gpus());
    ModelResponse r = ModelClients.shared(placed, inference, loader, 1)
        .call(new ModelRequest(spec.name(), messages, spec.generation())).join();
    return RowFactory.create(r.text(), r.status(), r.error(), r.finishReason(), r.latencyMs(), r.attempts(),
        r.requestId());
  }

  private static List<String> gpus() {
    TaskContext tc = TaskContext.get();
    ResourceInformation gpu = tc == null ? null : tc.resourcesJMap().get("gpu");
    return gpu == null ? List.of() : List.of(gpu.addresses());
  }

  private static Row result(String text, String status, String error) {
    return RowFactory.create(text, status, error, null, null, 0, null);
  }
}
