package dev.mmsafety.udf.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One server for a model.
 *
 * @param name endpoint name recorded on rows (never the URL's credentials)
 * @param url base URL up to and including /v1, e.g. http://gpu-0:8000/v1; the literal {@code simulator} means the
 *     built-in simulated worker
 * @param maxConcurrency the most concurrent requests this endpoint may take from the whole job (divided among the
 *     executor JVMs); optional. With adaptive concurrency (the default) a cap on what each JVM learns, else the
 *     fixed budget
 * @param simulated set by the pipeline when the url was resolved to the built-in simulator; not user-set
 * @param checkModels before a run, {@code GET {url}/models} must list the served model name (default true; false
 *     for servers without that route)
 */
public record EndpointSpec(
    String name,
    String url,
    Integer maxConcurrency,
    Boolean simulated,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean checkModels) {
  public static final String SIMULATOR_URL = "simulator";
  /** The fixed budget when adaptive concurrency is off and no max-concurrency is given. */
  public static final int MAX_CONCURRENCY_DEFAULT = 64;
  /** The cap when adaptive concurrency is on and no max-concurrency is given. */
  public static final int MAX_CONCURRENCY_CAP_DEFAULT = 1024;

  public EndpointSpec {
    simulated = simulated != null && simulated;
    if (maxConcurrency != null && maxConcurrency < 1) {
      throw new IllegalArgumentException("Invalid max-concurrency " + maxConcurrency + ": must be at least 1");
    }
  }

  /** The job-wide budget: max-concurrency, or its default for the mode ({@code adaptive} or fixed). */
  public int budget(boolean adaptive) {
    if (maxConcurrency != null) {
      return maxConcurrency;
    }
    return adaptive ? MAX_CONCURRENCY_CAP_DEFAULT : MAX_CONCURRENCY_DEFAULT;
  }

  /** An endpoint checked before a run (check-models left at its default). */
  public EndpointSpec(String name, String url, Integer maxConcurrency, Boolean simulated) {
    this(name, url, maxConcurrency, simulated, null);
  }

  public EndpointSpec withUrl(String value) {
    return new EndpointSpec(name, value, maxConcurrency, simulated, checkModels);
  }

  /** The same endpoint pointing at a started simulator (keeps the simulator label for the tables). */
  public EndpointSpec resolvedTo(String baseUrl) {
    return new EndpointSpec(name, baseUrl, maxConcurrency, Boolean.TRUE, checkModels);
  }

  @JsonIgnore
  public boolean isSimulator() {
    return simulated || SIMULATOR_URL.equals(url);
  }

  /** Whether the preflight asks this endpoint for its model list (check-models, default true). */
  @JsonIgnore
  public boolean checksModels() {
    return checkModels == null || checkModels;
  }
}
