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
}
