package dev.mmsafety.udf.model;

import java.util.concurrent.CompletableFuture;

/**
 * Calls a model asynchronously. Implementations never complete exceptionally for per-request failures: they
 * complete with a {@link ModelResponse} whose status says what went wrong.
 */
@FunctionalInterface
public interface ModelCaller {
  CompletableFuture<ModelResponse> call(ModelRequest request);
}
