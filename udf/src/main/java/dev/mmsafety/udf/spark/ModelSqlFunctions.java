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

/**
 * SQL access to configured models: {@code mllm_generate(model, text, image)} returns a struct
 * {@code (text, status, error, finish_reason, latency_ms, attempts, request_id)} for one request, e.g.
 * {@code SELECT mllm_generate('llava', prompt, image_uri).text FROM t}. {@code image} is a Hadoop URI or local
 * path, or NULL for text only. The function is non-deterministic (Spark never assumes two calls agree) and makes
 * one blocking call per row: fine for exploration; bulk runs use GenerateResponsesJob, which keeps a window of
 * calls in flight and uses the response cache.
 */
public final class ModelSqlFunctions {
  public static final String GENERATE = "mllm_generate";
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

  /** The UDF itself, for DataFrame use: {@code df.select(ModelSqlFunctions.generate(...).apply(cols))}. */
  public static UserDefinedFunction generate(SparkSession spark, List<ModelSpec> models, InferenceSpec inference) {
    String modelsJson = InferenceSpecs.write(models);
    String inferenceJson = InferenceSpecs.write(inference);
    HadoopImageLoader loader = new HadoopImageLoader(spark.sparkContext().hadoopConfiguration());
    UDF3<String, String, String, Row> call = (model, text, image) ->
        call(InferenceSpecs.models(modelsJson), InferenceSpecs.inference(inferenceJson), loader, model, text, image);
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
