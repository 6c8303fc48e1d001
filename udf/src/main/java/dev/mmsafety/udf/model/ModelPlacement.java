package dev.mmsafety.udf.model;

import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Executor-local workers: an endpoint url containing {@code {gpu}} is a template for a server running beside
 * each GPU executor. In a task, {@code {gpu}} becomes the address of the GPU Spark assigned to the task (from
 * {@code TaskContext.resources().get("gpu")}), so {@code http://127.0.0.1:800{gpu}/v1} reaches port 8000 on GPU
 * 0's executor and 8001 on GPU 1's. Remote endpoints (no placeholder) pass through unchanged.
 */
public final class ModelPlacement {
  public static final String GPU_PLACEHOLDER = "{gpu}";

  private ModelPlacement() {}

  public static boolean isExecutorLocal(ModelSpec spec) {
    return spec.endpoints().stream().anyMatch(e -> e.url() != null && e.url().contains(GPU_PLACEHOLDER));
  }

  /**
   * The spec with {@code {gpu}} replaced by the task's first GPU address.
   *
   * @throws IllegalStateException when the spec needs a GPU and the task has none (a placement error)
   */
  public static ModelSpec resolve(ModelSpec spec, List<String> gpuAddresses) {
    if (!isExecutorLocal(spec)) {
      return spec;
    }
    if (gpuAddresses == null || gpuAddresses.isEmpty()) {
      throw new IllegalStateException("Cannot place model " + spec.name()
          + ": its endpoint url uses {gpu} but the task has no GPU (set spark.task.resource.gpu.amount)");
    }
    String gpu = gpuAddresses.get(0);
    List<EndpointSpec> endpoints = new ArrayList<>();
    for (EndpointSpec e : spec.endpoints()) {
      endpoints.add(e.withUrl(e.url().replace(GPU_PLACEHOLDER, gpu)));
    }
    return spec.with(b -> b.endpoints = endpoints);
  }
}
