package dev.mmsafety.udf.ingest.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.mmsafety.udf.ingest.BadRecordException;
import dev.mmsafety.udf.ingest.BenchmarkLoader;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.IngestReject;
import dev.mmsafety.udf.ingest.LoadContext;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.ingest.VariantKinds;
import dev.mmsafety.udf.ingest.Records;
import dev.mmsafety.udf.registry.Param;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SIUO (safe inputs, unsafe outputs): {@code data/siuo_gen.json} and {@code data/siuo_mcqa.json}, JSON arrays;
 * images {@code data/images/<image>}. gen keeps {@code safety_warning} and {@code reference_answer}; mcqa keeps
 * {@code options} (A-D) and {@code correct_option}, and its prompt lists the options after the question.
 */
public final class SiuoLoader implements BenchmarkLoader {
  public static final String NAME = "siuo";
  public static final List<String> TASKS = List.of("gen", "mcqa");
  static final Set<String> GEN_FIELDS =
      Set.of("question_id", "image", "question", "category", "safety_warning", "reference_answer");
  static final Set<String> MCQA_FIELDS =
      Set.of("question_id", "image", "question", "category", "options", "correct_option", "safety_warning",
          "reference_answer");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "data/siuo_gen.json and data/siuo_mcqa.json; images data/images/{image}",
      SiuoLoader::new,
      Param.list("tasks", TASKS, "any of gen, mcqa"))
      .withVariants("gen", VariantKinds.IMAGE, "mcqa", VariantKinds.IMAGE);

  @Override
  public void load(LoadContext ctx) throws IOException {
    List<String> tasks = ctx.options().choices("tasks", TASKS, TASKS);
    boolean any = false;
    for (String task : tasks) {
      String file = "data/siuo_" + task + ".json";
      if (!ctx.source().isFile(file)) {
        continue;
      }
      any = true;
      Records.jsonRecords(
          ctx.source().readText(file), file, ctx.sink(), JsonNodeType.ARRAY, "a JSON array of items", i -> null,
          (i, item) -> add(ctx, task, file, i, item));
    }
    if (!any) {
      throw ctx.missing("data/siuo_{gen,mcqa}.json");
    }
  }

  private static void add(LoadContext ctx, String task, String file, String index, JsonNode item) {
    if (!item.isObject()) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, null, "item " + index + " is not an object");
    }
    Records.onlyFields(item, task.equals("gen") ? GEN_FIELDS : MCQA_FIELDS);
    String id = Records.integer(item, "question_id");
    String category = Records.text(item, "category").trim();
    String question = Records.text(item, "question");
    CaseDraft.Builder d =
        ctx.draft(task, task, id, category, CaseDraft.HARMFUL)
            .sourceText(question)
            .source(file, index)
            .image(ctx.source().resolveInside("data/images", Records.text(item, "image"), "image"), "image")
            .safetyWarning(Records.optText(item, "safety_warning"))
            .referenceAnswer(Records.optText(item, "reference_answer"));
    if (task.equals("gen")) {
      d.promptText(question);
    } else {
      JsonNode options = item.get("options");
      if (options == null || !options.isObject() || options.isEmpty()) {
        throw new BadRecordException(IngestReject.MISSING_FIELD, "options", "field options must be an object A-D");
      }
      Map<String, String> opts = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = options.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> o = it.next();
        opts.put(o.getKey().trim(), Records.text(options, o.getKey()));
      }
      String correct = Records.text(item, "correct_option").trim();
      if (!opts.containsKey(correct)) {
        throw new BadRecordException(IngestReject.BAD_VALUE, "correct_option", "correct_option " + correct + " is not an option");
      }
      StringBuilder prompt = new StringBuilder(question);
      opts.forEach((k, v) -> prompt.append('\n').append(k).append(". ").append(v));
      d.promptText(prompt.toString()).options(opts).correctOption(correct);
    }
    ctx.sink().add(d.build());
  }
}
