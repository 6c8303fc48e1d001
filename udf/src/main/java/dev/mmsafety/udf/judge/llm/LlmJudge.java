package dev.mmsafety.udf.judge.llm;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.GenerationSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.ImageLoader;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeCall;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.JudgeModel;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.Verdict;
import dev.mmsafety.udf.model.ChatMessage;
import dev.mmsafety.udf.model.ContentPart;
import dev.mmsafety.udf.model.ModelCaller;
import dev.mmsafety.udf.registry.ComponentType;
import dev.mmsafety.udf.registry.Descriptor;
import dev.mmsafety.udf.registry.Param;
import dev.mmsafety.udf.registry.Params;
import java.nio.file.Path;
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
  /**
   * Context keys tried in order when the judge does not name one (HarmBench's description, SIUO's warning, the
   * context field of imported responses).
   */
  public static final List<String> CONTEXT_KEYS_DEFAULT =
      List.of("RedactedImageDescription", "ImageDescription", "image_description", "safety_warning", "context");
  public static final ComponentType<Judge.Factory> TYPE = Judge.type(
      KIND, "1", "LLM-as-judge: a template rendered, the judge model asked, its answer parsed strictly.",
      LlmJudge::create,
      JudgeModel.with(
          Param.string("template", null, "a built-in template: " + String.join(", ", JudgeTemplates.BUILT_IN.keySet())),
          Param.string("template-file", null, "a template file of your own (instead of template)"),
          Param.string("answer", null, "the answer format of template-file: "
              + String.join(", ", java.util.Arrays.stream(AnswerFormat.values()).map(AnswerFormat::key).toList())),
          Param.list("context-key", CONTEXT_KEYS_DEFAULT, "case fields tried in order for {{context}}")));

  private final Descriptor descriptor;
  private final Map<String, JudgeTemplate> templates;
  private final List<String> contextKeys;
  private final JudgeCall call;
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
        templates, contextKeys, new JudgeCall(name, modelName, generation, withImage, caller, images));
  }

  public LlmJudge(Descriptor descriptor, Map<String, JudgeTemplate> templates, List<String> contextKeys, JudgeCall call) {
    this.descriptor = descriptor;
    this.templates = Map.copyOf(templates);
    this.contextKeys = List.copyOf(contextKeys);
    this.call = call;
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
    ModelSpec model = JudgeModel.spec(p, context);
    Descriptor descriptor = context.describe(p);
    return new LlmJudge(descriptor, templates, contextKeys, new JudgeCall(descriptor.name(), model.model(),
        model.generation(), withImage, context.caller(model), context.images()));
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
                    + ": no value for {{" + used + "}} (probes/cases not joined or field empty)"));
      }
    }
    List<ContentPart> parts = new ArrayList<>();
    Verdict noImage = call.addImage(input, parts);
    if (noImage != null) {
      return CompletableFuture.completedFuture(noImage);
    }
    parts.add(ContentPart.text(template.render(values)));
    return call.ask(List.of(ChatMessage.user(parts)), answer -> read(answer, template, input));
  }

  JudgeTemplate templateFor(JudgeInput input) {
    if (templates.size() == 1) {
      return templates.values().iterator().next();
    }
    return templates.get(JudgeTemplates.mmSafetyBenchKey(input.nativeCategory()));
  }

  private Verdict read(String answer, JudgeTemplate template, JudgeInput input) {
    Verdict verdict = template.format().parse(answer, input);
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

  /** Template texts, answer format, judge model, image use and generation settings: all change verdicts. */
  private String hash() {
    StringBuilder all = new StringBuilder();
    new TreeMap<>(templates)
        .forEach((k, t) -> all.append(k).append('\u0000').append(t.format().key()).append('\u0000').append(t.text()));
    return Hashing.sha256Hex(
        all.toString(), call.model(), String.valueOf(call.withImage()), String.valueOf(call.generation()),
        contextKeys.toString());
  }
}
