package dev.mmsafety.udf.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One server for a model.
 *
 * @param name endpoint name recorded on rows (never the URL's credentials)
 * @param url base URL up to and including /v1, e.g. http://gpu-0:8000/v1; the literal {@code simulator} means the
 *     built-in simulated worker
 * @param maxConcurrency concurrent requests this endpoint may take from the whole job (shared across executors)
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
  public static final int MAX_CONCURRENCY_DEFAULT = 64;

  public EndpointSpec {
    maxConcurrency = maxConcurrency == null ? MAX_CONCURRENCY_DEFAULT : maxConcurrency;
    simulated = simulated != null && simulated;
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
