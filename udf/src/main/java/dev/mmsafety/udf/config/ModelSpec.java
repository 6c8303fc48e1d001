package dev.mmsafety.udf.config;

import java.util.List;

/**
 * A model under test (or a judge/guard model).
 *
 * @param name name used in tables and partition paths
 * @param model model name sent to the server
 * @param endpoints one or more servers; balanced by least outstanding requests
 * @param apiKeyEnv NAME of the environment variable holding the API key (never the key itself)
 * @param imageTransport data-url (base64 inline) or uri (server reads the path/URL itself)
 * @param systemPrompt optional system prompt
 * @param generation generation parameters
 * @param revision what the user calls this model's version (checkpoint hash, image tag; null = not set): part of
 *     every request key, so answers are reused across nights only for an equal revision (inference.cache-scope
 *     revision). The inference stage may append the server's own report of it (see ServerRevisions).
 */
public record ModelSpec(
    String name,
    String model,
    List<EndpointSpec> endpoints,
    String apiKeyEnv,
    String imageTransport,
    String systemPrompt,
    GenerationSpec generation,
    String revision) {
  public static final String TRANSPORT_DATA_URL = "data-url";
  public static final String TRANSPORT_URI = "uri";

  /** A model without a revision. */
  public ModelSpec(
      String name,
      String model,
      List<EndpointSpec> endpoints,
      String apiKeyEnv,
      String imageTransport,
      String systemPrompt,
      GenerationSpec generation) {
    this(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, generation, null);
  }

  public ModelSpec {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    imageTransport = imageTransport == null ? TRANSPORT_DATA_URL : imageTransport;
    generation = generation == null ? GenerationSpec.DEFAULT : generation;
    model = model == null ? name : model;
  }

  public ModelSpec withEndpoints(List<EndpointSpec> value) {
    return new ModelSpec(name, model, value, apiKeyEnv, imageTransport, systemPrompt, generation, revision);
  }

  public ModelSpec withApiKeyEnv(String value) {
    return new ModelSpec(name, model, endpoints, value, imageTransport, systemPrompt, generation, revision);
  }

  public ModelSpec withImageTransport(String value) {
    return new ModelSpec(name, model, endpoints, apiKeyEnv, value, systemPrompt, generation, revision);
  }

  public ModelSpec withGeneration(GenerationSpec value) {
    return new ModelSpec(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, value, revision);
  }

  public ModelSpec withRevision(String value) {
    return new ModelSpec(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, generation, value);
  }

  public boolean usesSimulator() {
    return endpoints.stream().anyMatch(EndpointSpec::isSimulator);
  }
}
