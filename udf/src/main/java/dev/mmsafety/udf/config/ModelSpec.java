package dev.mmsafety.udf.config;

import dev.mmsafety.udf.image.ImageSendPolicy;
import dev.mmsafety.udf.image.ModelImageLimits;
import java.util.List;
import java.util.function.Consumer;

/**
 * A model under test ({@code models:}) or a helper model ({@code helpers:}: guard, LLM judge, captioner, attacker,
 * rewriter). Both have this shape; helpers also carry a {@code role} and are never evaluated as targets.
 *
 * @param name name used in tables and partition paths, and by which defenses and judges name a helper
 * @param model model name sent to the server (the served model name)
 * @param endpoints one or more servers; balanced by least outstanding requests
 * @param apiKeyEnv NAME of the environment variable holding the API key (never the key itself)
 * @param imageTransport data-url (base64 inline), uri (the server reads the image itself: s3a:// images as presigned
 *     URLs, others as they are) or executor-http (the executor serves every image by URL)
 * @param systemPrompt optional system prompt
 * @param generation generation parameters
 * @param role helpers only: guard, judge, caption, attacker or rewriter; null for a model under test
 * @param revision optional checkpoint hash or image tag naming exactly which weights answer; never empty. Part of
 *     every request key, so answers are reused across nights only for an equal revision (inference.cache-scope
 *     revision); the inference stage may append what the servers report (see ServerRevisions)
 * @param simulatorProfile how the built-in simulator behaves for this model (endpoints with url simulator only);
 *     null takes the default of the role (docs/model-workers.md)
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
    String role,
    String revision,
    String simulatorProfile,
    List<String> imageFormats,
    ModelImageLimits imageLimits) {
  public static final String TRANSPORT_DATA_URL = "data-url";
  public static final String TRANSPORT_URI = "uri";
  public static final String TRANSPORT_EXECUTOR_HTTP = "executor-http";
  public static final List<String> TRANSPORTS = List.of(TRANSPORT_DATA_URL, TRANSPORT_URI, TRANSPORT_EXECUTOR_HTTP);

  public ModelSpec {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    imageTransport = imageTransport == null ? TRANSPORT_DATA_URL : imageTransport;
    generation = generation == null ? GenerationSpec.DEFAULT : generation;
    model = model == null ? name : model;
    imageFormats = imageFormats == null ? null : List.copyOf(imageFormats);
  }

  /** A model or helper with the default image formats and limits. */
  public ModelSpec(
      String name, String model, List<EndpointSpec> endpoints, String apiKeyEnv, String imageTransport,
      String systemPrompt, GenerationSpec generation, String role, String revision, String simulatorProfile) {
    this(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, generation, role, revision,
        simulatorProfile, null, null);
  }

  /** What image bytes this model's server is sent (formats and limits with defaults filled in). */
  public ImageSendPolicy imageSendPolicy() {
    return new ImageSendPolicy(imageFormats, imageLimits);
  }

  /** A model under test without role, revision or simulator profile. */
  public ModelSpec(String name, String model, List<EndpointSpec> endpoints, String apiKeyEnv, String imageTransport,
      String systemPrompt, GenerationSpec generation) {
    this(name, model, endpoints, apiKeyEnv, imageTransport, systemPrompt, generation, null, null, null);
  }

  /**
   * A copy with some parts changed, e.g. {@code spec.with(m -> m.endpoints = placed)}; the copy gets the same
   * defaults and checks as any spec.
   */
  public ModelSpec with(Consumer<Builder> change) {
    return RecordEdit.apply(this, new Builder(), change);
  }

  /**
   * The parts as plain fields, for {@link #with}: one lambda sets any of them, no setter per field; named as the
   * components, which {@link RecordEdit} copies in and out by name.
   */
  public static final class Builder {
    public String name;
    public String model;
    public List<EndpointSpec> endpoints;
    public String apiKeyEnv;
    public String imageTransport;
    public String systemPrompt;
    public GenerationSpec generation;
    public String role;
    public String revision;
    public String simulatorProfile;
    public List<String> imageFormats;
    public ModelImageLimits imageLimits;

    private Builder() {}
  }

  public ModelSpec withImageLimits(ModelImageLimits value) {
    return with(b -> b.imageLimits = value);
  }

  public boolean usesSimulator() {
    return endpoints.stream().anyMatch(EndpointSpec::isSimulator);
  }
}
