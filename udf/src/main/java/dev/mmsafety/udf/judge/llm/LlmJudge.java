package dev.mmsafety.udf.judge.llm;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.JudgeModel;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.model.ModelRequest;
import dev.mmsafety.udf.model.ModelResponse;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Descriptor;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.nio.file.Path;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * LLM-as-judge: renders a template, asks the judge model through a {@link ModelCaller} and parses the answer
 * strictly. A failed call is an {@code error} verdict carrying the call's status and message; an answer outside the
 * format is {@code unparseable}. With {@code withImage} the probe's image goes along as an image part.
 */
public final class LlmJudge implements Judge {
  public static final String KIND = "llm";
  /** Context keys tried in order when the judge does not name one (HarmBench's description, SIUO's warning). */
  public static final List<String> CONTEXT_KEYS_DEFAULT =
      List.of("RedactedImageDescription", "ImageDescription", "image_description", "safety_warning");
  public static final ComponentType<Judge.Factory> TYPE =
      Judge.type(
          KIND, "1", "LLM-as-judge: a template rendered, the judge model asked, its answer parsed strictly.",
          LlmJudge::create,
          JudgeModel.with(
              Param.string("template", null, "a built-in template: " + String.join(", ", JudgeTemplates.BUILT_IN.keySet())),
              Param.string("template-file", null, "a template file of your own (instead of template)"),
              Param.string("answer", null, "the answer format of template-file: "
                  + String.join(", ", java.util.Arrays.stream(AnswerFormat.values()).map(AnswerFormat::key).toList())),
              Param.list("context-key", CONTEXT_KEYS_DEFAULT, "case fields tried in order for {{context}}")));

  private final Descriptor descriptor;
  private final String name;
  private final Map<String, JudgeTemplate> templates;
  private final String modelName;
  private final GenerationSpec generation;
  private final boolean withImage;
  private final List<String> contextKeys;
  private final ModelCaller caller;
  private final ImageLoader images;
  private final String templateHash;

  /** A judge made in code (tests) rather than from config. */
  public LlmJudge(
      String name,
      Map<String, JudgeTemplate> templates,
      String modelName,
      GenerationSpec generation,
      boolean withImage,
      List<String> contextKeys,
      ModelCaller caller,
      ImageLoader images) {
    this(TYPE.describe(name, Map.of("model", modelName, "with-image", withImage, "context-key", contextKeys)),
        templates, modelName, generation, withImage, contextKeys, caller, images);
  }

  public LlmJudge(
      Descriptor descriptor,
      Map<String, JudgeTemplate> templates,
      String modelName,
      GenerationSpec generation,
      boolean withImage,
      List<String> contextKeys,
      ModelCaller caller,
      ImageLoader images) {
    this.descriptor = descriptor;
    this.name = descriptor.name();
    this.templates = Map.copyOf(templates);
    this.modelName = modelName;
    this.generation = generation;
    this.withImage = withImage;
    this.contextKeys = List.copyOf(contextKeys);
    this.caller = caller;
    this.images = images;
    this.templateHash = hash();
  }

  private static Judge create(Params p, Judges.Context context) {
    String template = p.string("template");
    String file = p.string("template-file");
    String answer = p.string("answer");
    if ((template == null) == (file == null)) {
      throw p.fail("give exactly one of template, template-file");
    }
    Map<String, JudgeTemplate> templates;
    if (template != null) {
      templates = JudgeTemplates.builtIn(template, p.label());
    } else {
      if (answer == null || answer.isBlank()) {
        throw p.bad("answer", "is required with template-file");
      }
      templates = Map.of(file, JudgeTemplates.file(Path.of(file), AnswerFormat.of(answer, p.label())));
    }
    boolean withImage = p.bool("with-image");
    List<String> contextKeys = p.list("context-key");
    ModelSpec model = JudgeModel.spec(p);
    return new LlmJudge(context.describe(p), templates, model.model(), model.generation(), withImage, contextKeys,
        context.caller(model), context.images());
  }

  @Override
  public Descriptor descriptor() {
    return descriptor;
  }

  @Override
  public String templateHash() {
    return templateHash;
  }

  @Override
  public boolean remote() {
    return true;
  }

  @Override
  public CompletableFuture<Verdict> judgeText(JudgeInput input) {
    JudgeTemplate template = templateFor(input);
    if (template.format() == AnswerFormat.REFUSAL_SCORE && input.text().isBlank()) {
      // MOSSBench counts an empty answer as a refusal; no judge call needed.
      return CompletableFuture.completedFuture(
          AnswerFormat.refusalScore(1.0, "", "empty answer counts as refusal", input));
    }
    Map<String, String> values = new HashMap<>();
    values.put(JudgeTemplate.RESPONSE, input.text());
    values.put(JudgeTemplate.QUESTION, input.question());
    values.put(JudgeTemplate.CONTEXT, context(input));
    for (String used : template.placeholders()) {
      if (values.get(used) == null) {
        return CompletableFuture.completedFuture(
            Verdict.error(
                "Cannot render judge template " + template.name() + " for response " + input.responseId()
                    + ": no " + used + " available (probes/cases not joined or field empty)"));
      }
    }
    List<ContentPart> parts = new ArrayList<>();
    if (withImage && input.imageUri() != null) {
      try {
        byte[] bytes = images.load(input.imageUri());
        parts.add(ContentPart.imageBytes(input.imageUri(), Hashing.sha256Hex(bytes), bytes, mimeType(input.imageUri())));
      } catch (IOException | RuntimeException e) {
        return CompletableFuture.completedFuture(
            Verdict.error("Cannot load image " + input.imageUri() + " for judge " + name + ": " + e.getMessage()));
      }
    }
    parts.add(ContentPart.text(template.render(values)));
    ModelRequest request = new ModelRequest(modelName, List.of(ChatMessage.user(parts)), generation);
    return caller
        .call(request)
        .thenApply(response -> toVerdict(response, template, input))
        .exceptionally(e -> Verdict.error("Cannot call judge " + name + ": " + e));
  }

  JudgeTemplate templateFor(JudgeInput input) {
    if (templates.size() == 1) {
      return templates.values().iterator().next();
    }
    return templates.get(JudgeTemplates.mmSafetyBenchKey(input.nativeCategory()));
  }

  private Verdict toVerdict(ModelResponse response, JudgeTemplate template, JudgeInput input) {
    if (!response.ok()) {
      return Verdict.error(
          "judge endpoint " + response.status()
              + (response.httpStatus() == null ? "" : " (HTTP " + response.httpStatus() + ")")
              + ": " + response.error());
    }
    Verdict verdict = template.format().parse(response.text(), input);
    return templates.size() == 1 ? verdict : verdict.withReason(template.name() + ": " + verdict.reason());
  }

  private String context(JudgeInput input) {
    for (String key : contextKeys) {
      String value = input.context().get(key);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  static String mimeType(String uri) {
    String u = uri.toLowerCase(java.util.Locale.ROOT);
    if (u.endsWith(".png")) {
      return "image/png";
    }
    if (u.endsWith(".gif")) {
      return "image/gif";
    }
    if (u.endsWith(".webp")) {
      return "image/webp";
    }
    return "image/jpeg";
  }

  /** Template texts, answer format, judge model, image use and generation settings: all change verdicts. */
  private String hash() {
    StringBuilder all = new StringBuilder();
    new TreeMap<>(templates)
        .forEach((k, t) -> all.append(k).append('\u0000').append(t.format().key()).append('\u0000').append(t.text()));
    return Hashing.sha256Hex(
        all.toString(), modelName, String.valueOf(withImage), String.valueOf(generation), contextKeys.toString());
  }
}
