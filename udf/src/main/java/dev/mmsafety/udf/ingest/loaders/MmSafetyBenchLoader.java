package dev.mmsafety.udf.ingest.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.mmsafety.udf.exceptions.ConfigException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MM-SafetyBench: {@code data/processed_questions/{scenario}.json} (one object keyed by question id; ids are not
 * contiguous), images {@code data/imgs/{scenario}/{SD|SD_TYPO|TYPO}/{id}.jpg}. SD pairs with
 * {@code Rephrased Question(SD)}, SD_TYPO and TYPO with {@code Rephrased Question}; text-only sends
 * {@code Question} (option text-field). Scenario names are used as spelled in the files (upstream typos included).
 */
public final class MmSafetyBenchLoader implements BenchmarkLoader {
  public static final String NAME = "mm-safetybench";
  public static final List<String> VARIANTS = List.of("SD", "SD_TYPO", "TYPO", "text-only");
  static final String QUESTIONS_DIR = "data/processed_questions";
  static final Set<String> FIELDS =
      Set.of(
          "Question", "GPT-Pred", "Changed Question", "Key Phrase", "Phrase Type", "Rephrased Question",
          "Rephrased Question(SD)");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "data/processed_questions/*.json; images data/imgs/{scenario}/{SD,SD_TYPO,TYPO}/{id}.jpg",
      MmSafetyBenchLoader::new,
      Param.list("variants", VARIANTS, "any of SD, SD_TYPO, TYPO, text-only"),
      Param.list("scenarios", List.of(), "file stems to read (default all)"),
      Param.bool("tiny", false, "only the ids in TinyVersion_ID_List.json (split tiny)"),
      Param.choice("text-field", "Question", "text of the text-only variant", "Question", "Changed Question"))
      .withVariants(
          "SD", VariantKinds.IMAGE, "SD_TYPO", VariantKinds.TYPOGRAPHIC, "TYPO", VariantKinds.TYPOGRAPHIC,
          "text-only", VariantKinds.TEXT);

  @Override
  public void load(LoadContext ctx) throws IOException {
    List<String> variants = ctx.options().choices("variants", VARIANTS, VARIANTS);
    boolean tiny = ctx.options().bool("tiny", false);
    String textField = ctx.options().choice("text-field", "Question", List.of("Question", "Changed Question"));
    List<String> files = ctx.source().listFiles(QUESTIONS_DIR, ".json");
    if (files.isEmpty()) {
      throw ctx.missing(QUESTIONS_DIR + "/*.json");
    }
    List<String> scenarios = ctx.options().list("scenarios", List.of());
    Map<String, Set<String>> tinyIds = tiny ? tinyIds(ctx) : Map.of();
    for (String name : files) {
      String scenario = name.substring(0, name.length() - ".json".length());
      if (!scenarios.isEmpty() && !scenarios.contains(scenario)) {
        continue;
      }
      String file = QUESTIONS_DIR + "/" + name;
      Set<String> keep = tinyIds.getOrDefault(scenario, Set.of());
      Records.jsonRecords(
          ctx.source().readText(file), file, ctx.sink(), JsonNodeType.OBJECT, "one object keyed by question id",
          id -> NAME + ":*:" + scenario + "/" + id,
          (id, question) -> {
            if (!tiny || keep.contains(id)) {
              addQuestion(ctx, scenario, file, id, question, variants, tiny, textField);
            }
          });
    }
  }

  private static void addQuestion(
      LoadContext ctx, String scenario, String file, String id, JsonNode q, List<String> variants, boolean tiny,
      String textField) {
    if (!q.isObject()) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, null, "question " + id + " is not an object");
    }
    Records.onlyFields(q, FIELDS);
    String question = Records.text(q, "Question");
    String keyPhrase = Records.text(q, "Key Phrase");
    String rephrased = Records.text(q, "Rephrased Question");
    String rephrasedSd = Records.text(q, "Rephrased Question(SD)");
    String changed = Records.text(q, "Changed Question");
    String phraseType = Records.optText(q, "Phrase Type");
    String canonical = ctx.canonical(scenario, CaseDraft.HARMFUL);
    for (String variant : variants) {
      CaseDraft.Builder d =
          ctx.draft()
              .split(tiny ? "tiny" : "full")
              .variant(variant)
              .nativeId(scenario + "/" + id)
              .nativeCategory(scenario)
              .canonicalCategory(canonical)
              .sourceText(question)
              .keyPhrase(keyPhrase)
              .source(file, id)
              .extra("Changed Question", changed)
              .extra("Phrase Type", phraseType);
      switch (variant) {
        case "SD" -> d.promptText(rephrasedSd);
        case "SD_TYPO", "TYPO" -> d.promptText(rephrased);
        default -> d.promptText("Question".equals(textField) ? question : changed);
      }
      if (!variant.equals("text-only")) {
        d.image(ctx.source().resolveInside("data/imgs", scenario + "/" + variant + "/" + id + ".jpg", "image"), "image");
      }
      ctx.sink().add(d.build());
    }
  }

  private static Map<String, Set<String>> tinyIds(LoadContext ctx) throws IOException {
    String file = ctx.source().firstFile("TinyVersion_ID_List.json", "data/TinyVersion_ID_List.json");
    if (file == null) {
      throw new ConfigException(
          "Cannot ingest " + ctx.spec().name() + ": option tiny needs TinyVersion_ID_List.json under " + ctx.source().rootUri());
    }
    JsonNode root = Records.JSON.readTree(ctx.source().readText(file));
    Map<String, Set<String>> ids = new HashMap<>();
    if (root != null && root.isArray()) {
      for (JsonNode entry : root) {
        Set<String> set = ids.computeIfAbsent(entry.path("Scenario").asText(), k -> new HashSet<>());
        entry.path("Sampled_ID_List").forEach(n -> set.add(n.asText()));
      }
    }
    if (ids.isEmpty()) {
      throw new ConfigException("Cannot ingest " + ctx.spec().name() + ": " + file + " holds no Scenario/Sampled_ID_List entries");
    }
    return ids;
  }
}
