package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.model.ModelCaller;
import java.io.Serializable;

/**
 * Makes the {@link ModelCaller} an LLM or guard judge talks through. It is serialised to executors, where it is
 * called once per judge model per JVM. {@link #HTTP} is this package's small OpenAI-compatible client; the pipeline
 * can pass the project's shared model client instead (e.g. {@code ModelClients::create}) so judges get its retry
 * policy, breaker and budget.
 */
@FunctionalInterface
public interface JudgeCallers extends Serializable {
  ModelCaller create(ModelSpec judgeModel, InferenceSpec inference);

  JudgeCallers HTTP = HttpJudgeCaller::new;

  /**
   * Judges through the project's shared model client ({@code ModelClients}): the same retries with Retry-After,
   * circuit breakers and per-endpoint concurrency as the models under test. Judge images arrive as bytes in the
   * request, so the client's own loader is only a fallback.
   */
  JudgeCallers SHARED_CLIENT =
      (model, inference) ->
          dev.mmsafety.udf.model.ModelClients.shared(
              model, inference, dev.mmsafety.udf.image.HadoopImageLoader.local(), 1);
}
