package dev.mmsafety.udf.config;

import dev.mmsafety.udf.image.ImageSendPolicy;
import dev.mmsafety.udf.image.ModelImageLimits;
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
 * @param imageFormats image formats the server accepts (default png, jpeg, webp, gif); others are converted
 * @param imageLimits the server's image limits, checked before any call (see {@link ModelImageLimits})
 */
public record ModelSpec(
    String name,
    String model,
    List<EndpointSpec> endpoints,
    String apiKeyEnv,
    String imageTransport,
    String systemPrompt,
    GenerationSpec generation,
    List<String> imageFormats,
    ModelImageLimits imageLimits) {
  public static final String TRANSPORT_DATA_URL = "data-url";
  public static final String TRANSPORT_URI = "uri";

  public ModelSpec {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    imageTransport = imageTransport == null ? TRANSPORT_DATA_URL : imageTransport;
    generation = generation == null ? GenerationSpec.DEFAULT : generation;
    model = model == null ? name : model;
    imageFormats = imageFormats == null ? null : List.copyOf(imageFormats);
  }

  public ModelSpec(
      String name, String model, List<EndpointSpec> endpoints, String apiKeyEnv, String imageTransport,
      String systemPrompt, GenerationSpec generation) {
    this(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, generation, null, null);
  }

  /** What image bytes this model's server is sent (formats and limits with defaults filled in). */
  public ImageSendPolicy imageSendPolicy() {
    return new ImageSendPolicy(imageFormats, imageLimits);
  }

  public ModelSpec withEndpoints(List<EndpointSpec> value) {
    return new ModelSpec(
        name, model, value, apiKeyEnv, imageTransport, systemPrompt, generation, imageFormats, imageLimits);
  }

  public ModelSpec withApiKeyEnv(String value) {
    return new ModelSpec(
        name, model, endpoints, value, imageTransport, systemPrompt, generation, imageFormats, imageLimits);
  }

  public ModelSpec withImageTransport(String value) {
    return new ModelSpec(
        name, model, endpoints, apiKeyEnv, value, systemPrompt, generation, imageFormats, imageLimits);
  }

  public ModelSpec withGeneration(GenerationSpec value) {
    return new ModelSpec(
        name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, value, imageFormats, imageLimits);
  }

  public boolean usesSimulator() {
    return endpoints.stream().anyMatch(EndpointSpec::isSimulator);
  }
}
