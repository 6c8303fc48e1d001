package dev.mmsafety.udf.judge;

import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelClients;
import java.io.Serializable;

/**
 * Makes the {@link ModelCaller} an LLM or guard judge talks through. It is serialised to executors, where it is
 * called once per judge model per JVM. There is one client for every model call, {@link #SHARED_CLIENT}; tests
 * pass their own factory to script answers without a server.
 */
@FunctionalInterface
public interface JudgeCallers extends Serializable {
  ModelCaller create(ModelSpec judgeModel, InferenceSpec inference);

  /**
   * Told of every judge model when its judge is made, before any caller is: the driver's preflight records them to
   * check their endpoints. Nothing by default.
   */
  default void declared(ModelSpec judgeModel) {}

  /**
   * Judges through the project's shared model client ({@code ModelClients}): the same retries with Retry-After,
   * circuit breakers and per-endpoint concurrency as the models under test. Judge images arrive as bytes in the
   * request, so the client's own loader is only a fallback.
   */
  JudgeCallers SHARED_CLIENT =
      (model, inference) -> ModelClients.shared(model, inference, HadoopImageLoader.local(), 1);
}
