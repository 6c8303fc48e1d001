package dev.mmsafety.udf.spark;

import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.util.LongAccumulator;

/**
 * Everything an inference task needs, serializable: the models under test, the helper models (defenses call
 * guards, captioners and rewriters by name), defenses, inference settings, the run's identity, where the cache lives, the image
 * loader (with the driver's Hadoop settings), how many JVMs share each endpoint's budget, and the progress
 * accumulators.
 */
public record InferenceTask(
    Specs specs,
    String runId,
    String runDate,
    String cacheDir,
    String runTag,
    int jvmShare,
    HadoopImageLoader images,
    InferenceProgress.Accumulators accumulators)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Column names the planner adds to probe rows. */
  public static final String MODEL_COL = "_mm_model";
  public static final String DEFENSE_COL = "_mm_defense";
  public static final String ADMITTED_COL = "_mm_admitted";
  /** The cap ({@code inference.max-requests=N} or {@code max-tokens=N}) a row not admitted ran into. */
  public static final String CAP_COL = "_mm_cap";
  public static final String REQUEST_ID_COL = "_mm_request_id";

  /**
   * Local property that makes a task fail after emitting that many rows: fault injection for resume tests
   * (a killed run), set with {@code sparkContext().setLocalProperty}. Unset in real runs.
   */
  public static final String FAIL_AFTER_ROWS_PROPERTY = "mmsafety.inference.fail-after-rows";

  /** Config records are not Serializable: the specs travel as JSON, written once on the driver by {@link #of}. */
  public record Specs(String modelsJson, String helpersJson, String defensesJson, String inferenceJson)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Specs of(
        List<ModelSpec> models, List<ModelSpec> helpers, List<DefenseSpec> defenses, InferenceSpec inference) {
      return new Specs(InferenceSpecs.write(models), InferenceSpecs.write(helpers), InferenceSpecs.write(defenses),
          InferenceSpecs.write(inference));
    }
  }

  List<ModelSpec> models() {
    return InferenceSpecs.models(specs.modelsJson());
  }

  List<ModelSpec> helpers() {
    return InferenceSpecs.models(specs.helpersJson());
  }

  List<DefenseSpec> defenses() {
    return InferenceSpecs.defenses(specs.defensesJson());
  }

  InferenceSpec inference() {
    return InferenceSpecs.inference(specs.inferenceJson());
  }

  /**
   * Rows are finished on the HTTP client's threads, several at once, and a task's accumulator copy is not
   * thread-safe ({@code _sum += v}): unguarded, two rows finishing together could count as one.
   */
  static void add(LongAccumulator acc, long n) {
    if (acc != null && n != 0) {
      synchronized (acc) {
        acc.add(n);
      }
    }
  }
}
