package dev.mmsafety.udf.config;

import java.util.List;

/**
 * A model under test (or a judge/guard model).
 *
 * @param name name used in tables and partition paths
 * @param model model name sent to the server
 * @param endpoints one or more servers; balanced by least outstanding requests
 * @param apiKeyEnv NAME of the environment variable holding the API key (never the key itself)
 * @param imageTransport data-url (base64 inline), uri (the server reads the image itself: s3a:// images as presigned
 *     URLs, others as they are) or executor-http (the executor serves every image by URL)
 * @param systemPrompt optional system prompt
 * @param generation generation parameters
 */
public record ModelSpec(
    String name,
    String model,
    List<EndpointSpec> endpoints,
    String apiKeyEnv,
    String imageTransport,
    String systemPrompt,
    GenerationSpec generation) {
  public static final String TRANSPORT_DATA_URL = "data-url";
  public static final String TRANSPORT_URI = "uri";
  public static final String TRANSPORT_EXECUTOR_HTTP = "executor-http";
  public static final List<String> TRANSPORTS = List.of(TRANSPORT_DATA_URL, TRANSPORT_URI, TRANSPORT_EXECUTOR_HTTP);

  public ModelSpec {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    imageTransport = imageTransport == null ? TRANSPORT_DATA_URL : imageTransport;
    generation = generation == null ? GenerationSpec.DEFAULT : generation;
    model = model == null ? name : model;
  }

  public ModelSpec withEndpoints(List<EndpointSpec> value) {
    return new ModelSpec(name, model, value, apiKeyEnv, imageTransport, systemPrompt, generation);
  }

  public ModelSpec withApiKeyEnv(String value) {
    return new ModelSpec(name, model, endpoints, value, imageTransport, systemPrompt, generation);
  }

  public ModelSpec withImageTransport(String value) {
    return new ModelSpec(name, model, endpoints, apiKeyEnv, value, systemPrompt, generation);
  }

  public ModelSpec withGeneration(GenerationSpec value) {
    return new ModelSpec(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, value);
  }

  public boolean usesSimulator() {
    return endpoints.stream().anyMatch(EndpointSpec::isSimulator);
  }
}
