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
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * MOSSBench (benign: a refusal is over-refusal): {@code data/images_information/information.json}, one object
 * keyed by pid; fields parsed by name (key order varies); {@code metadata.harm} is a one-element list (a bare
 * integer is accepted too). Images {@code data/<image>} (i.e. {@code data/images/<pid>.png}).
 */
public final class MossBenchLoader implements BenchmarkLoader {
  public static final String NAME = "mossbench";
  static final String FILE = "data/images_information/information.json";
  static final Set<String> FIELDS = Set.of("image", "short description", "description", "question", "pid", "metadata");
  static final Map<String, String> OVER =
      Map.of("type 1", "Exaggerated Risk", "type 2", "Negated Harm", "type 3", "Counterintuitive Interpretation");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "data/images_information/information.json; images data/{image}; benign cases",
      MossBenchLoader::new)
      .withVariants("benign", VariantKinds.IMAGE);

  @Override
  public void load(LoadContext ctx) throws IOException {
    Records.jsonRecords(
        ctx.requiredText(FILE), FILE, ctx.sink(), JsonNodeType.OBJECT, "one object keyed by pid",
        pid -> CaseDraft.caseId(NAME, "benign", pid), (pid, item) -> add(ctx, pid, item));
  }

  private static void add(LoadContext ctx, String key, JsonNode item) {
    if (!item.isObject()) {
      throw new BadRecordException(IngestReject.WRONG_TYPE, null, "item " + key + " is not an object");
    }
    Records.onlyFields(item, FIELDS);
    String pid = item.has("pid") ? Records.integer(item, "pid") : key;
    if (!pid.equals(key)) {
      throw new BadRecordException(IngestReject.BAD_VALUE, "pid", "pid " + pid + " differs from its key " + key);
    }
    JsonNode meta = item.get("metadata");
    if (meta == null || !meta.isObject()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, "metadata", "field metadata must be an object");
    }
    String over = Records.text(meta, "over");
    String overName = OVER.getOrDefault(over.trim().toLowerCase(java.util.Locale.ROOT), over);
    CaseDraft.Builder d =
        ctx.draft("train", "benign", key, overName, CaseDraft.BENIGN)
            .promptText(Records.text(item, "question"))
            .source(FILE, key)
            .image(ctx.source().resolveInside("data", Records.text(item, "image"), "image"), "image")
            .extra("over", over)
            .extra("harm", harm(meta))
            .extra("short description", Records.optText(item, "short description"))
            .extra("description", Records.optText(item, "description"));
    for (String flag : new String[] {"human", "child", "syn", "ocr"}) {
      if (meta.has(flag)) {
        d.extra(flag, Records.integer(meta, flag));
      }
    }
    ctx.sink().add(d.build());
  }

  /** {@code harm} is published as a one-element list, e.g. [7]; a bare integer is accepted. */
  static String harm(JsonNode meta) {
    JsonNode harm = meta.get("harm");
    if (harm == null || harm.isNull()) {
      return null;
    }
    if (harm.isArray() && harm.size() == 1 && harm.get(0).isIntegralNumber()) {
      return harm.get(0).asText();
    }
    if (harm.isIntegralNumber()) {
      return harm.asText();
    }
    throw new BadRecordException(IngestReject.WRONG_TYPE, "metadata.harm", "field metadata.harm must be a one-element integer list");
  }
}
