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
import java.util.List;
import java.util.Set;

/**
 * VLGuard: {@code data/test.json} or {@code data/train.json}, a JSON array of {@code id, image, safe,
 * [harmful_category, harmful_subcategory], instr-resp}. Subsets (variants): {@code unsafes} (unsafe image, its
 * instruction), {@code safe_unsafes} (safe image, unsafe_instruction), {@code safe_safes} (safe image,
 * safe_instruction; benign). Images are {@code <image-dir>/<image>}, image-dir defaulting to the split name.
 */
public final class VlGuardLoader implements BenchmarkLoader {
  public static final String NAME = "vlguard";
  public static final List<String> SUBSETS = List.of("unsafes", "safe_unsafes", "safe_safes");
  static final Set<String> FIELDS =
      Set.of("id", "image", "safe", "harmful_category", "harmful_subcategory", "instr-resp");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "data/{split}.json; images {image-dir}/{image}",
      VlGuardLoader::new,
      Param.choice("split", "test", "the JSON file to read", "test", "train"),
      Param.list("subsets", SUBSETS, "any of unsafes, safe_unsafes, safe_safes"),
      Param.string("image-dir", null, "the image folder (default: the split name)"))
      .withVariants("unsafes", VariantKinds.IMAGE, "safe_unsafes", VariantKinds.IMAGE, "safe_safes", VariantKinds.IMAGE);

  @Override
  public void load(LoadContext ctx) throws IOException {
    String split = ctx.options().choice("split", "test", List.of("test", "train"));
    List<String> subsets = ctx.options().choices("subsets", SUBSETS, SUBSETS);
    String imageDir = ctx.options().string("image-dir", split);
    String file = ctx.source().firstFile("data/" + split + ".json", split + ".json");
    if (file == null) {
      throw ctx.missing("data/" + split + ".json");
    }
    Records.jsonRecords(
        ctx.source().readText(file), file, ctx.sink(), JsonNodeType.ARRAY, "a JSON array of items", i -> null,
        (i, item) -> add(ctx, split, file, imageDir, i, item, subsets));
  }

  private static void add(LoadContext ctx, String split, String file, String imageDir, String row, JsonNode item,
      List<String> subsets) {
    if (!item.isObject()) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, null, "item " + row + " is not an object");
    }
    Records.onlyFields(item, FIELDS);
    String id = Records.text(item, "id");
    JsonNode safeNode = item.get("safe");
    if (safeNode == null || !safeNode.isBoolean()) {
      throw new BadRecordException(
          safeNode == null ? IngestReject.MISSING_FIELD : IngestReject.WRONG_TYPE, "safe", "field safe must be true or false");
    }
    JsonNode pairs = item.get("instr-resp");
    if (pairs == null || !pairs.isArray() || pairs.isEmpty()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, "instr-resp", "field instr-resp must be a non-empty array");
    }
    String image = ctx.source().resolveInside(imageDir, Records.text(item, "image"), "image");
    if (!safeNode.asBoolean()) {
      if (!subsets.contains("unsafes")) {
        return;
      }
      String category = Records.text(item, "harmful_category") + "/" + Records.text(item, "harmful_subcategory");
      JsonNode pair = pairs.get(0);
      ctx.sink().add(
          base(ctx, split, "unsafes", id, file, row, image)
              .nativeCategory(category)
              .canonicalCategory(ctx.canonical(category, CaseDraft.HARMFUL))
              .promptText(Records.text(pair, "instruction"))
              .sourceText(Records.text(pair, "instruction"))
              .referenceAnswer(Records.optText(pair, "response"))
              .build());
      return;
    }
    JsonNode safePair = find(pairs, "safe_instruction");
    JsonNode unsafePair = find(pairs, "unsafe_instruction");
    if (subsets.contains("safe_unsafes")) {
      String text = Records.text(unsafePair, "unsafe_instruction");
      ctx.sink().add(
          base(ctx, split, "safe_unsafes", id, file, row, image)
              .canonicalCategory(ctx.canonical(null, CaseDraft.HARMFUL))
              .promptText(text).sourceText(text)
              .referenceAnswer(Records.optText(unsafePair, "response"))
              .build());
    }
    if (subsets.contains("safe_safes")) {
      String text = Records.text(safePair, "safe_instruction");
      ctx.sink().add(
          base(ctx, split, "safe_safes", id, file, row, image)
              .polarity(CaseDraft.BENIGN)
              .canonicalCategory(ctx.canonical(null, CaseDraft.BENIGN))
              .promptText(text).sourceText(text)
              .referenceAnswer(Records.optText(safePair, "response"))
              .build());
    }
  }

  private static CaseDraft.Builder base(LoadContext ctx, String split, String subset, String id, String file,
      String row, String image) {
    return ctx.draft().split(split).variant(subset).nativeId(id).source(file, row).image(image, "image");
  }

  private static JsonNode find(JsonNode pairs, String field) {
    for (JsonNode p : pairs) {
      if (p.has(field)) {
        return p;
      }
    }
    throw new BadRecordException(IngestReject.MISSING_FIELD, "instr-resp", "instr-resp has no " + field);
  }
}
