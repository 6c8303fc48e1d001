package dev.mmsafety.udf.ingest.loaders;

import dev.mmsafety.udf.ingest.BenchmarkLoader;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.LoadContext;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.ingest.VariantKinds;
import dev.mmsafety.udf.ingest.Records;
import dev.mmsafety.udf.registry.Param;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * JailBreakV-28K: {@code JailBreakV_28K/JailBreakV_28K.csv} (split full), {@code mini_JailBreakV_28K.csv} (mini),
 * {@code RedTeam_2K.csv} (redteam, text cases). The root may be the repository or the JailBreakV_28K folder.
 * {@code image_path} is relative to the folder holding the CSV. {@code format} is lower-cased into the variant
 * (Template -> template, SD_typo -> sd_typo); the original spelling is kept in {@code extra.format}.
 */
public final class JailbreakV28kLoader implements BenchmarkLoader {
  public static final String NAME = "jailbreakv-28k";
  static final Set<String> COLUMNS =
      Set.of("id", "jailbreak_query", "redteam_query", "format", "policy", "image_path", "from", "selected_mini",
          "transfer_from_llm");

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "JailBreakV_28K.csv, mini_JailBreakV_28K.csv or RedTeam_2K.csv, in the root or JailBreakV_28K/",
      JailbreakV28kLoader::new,
      Param.choice("split", "full", "full, mini (the default when the full file is absent) or redteam", "full", "mini", "redteam"))
      .withVariants(
          "template", VariantKinds.IMAGE, "persuade", VariantKinds.IMAGE, "logic", VariantKinds.IMAGE,
          "sd", VariantKinds.IMAGE, "figstep", VariantKinds.TYPOGRAPHIC, "sd_typo", VariantKinds.TYPOGRAPHIC,
          "typo", VariantKinds.TYPOGRAPHIC, "query-relevant", VariantKinds.TYPOGRAPHIC,
          "redteam", VariantKinds.TEXT);

  @Override
  public void load(LoadContext ctx) throws IOException {
    String dir = ctx.source().isDirectory("JailBreakV_28K") ? "JailBreakV_28K" : "";
    String prefix = dir.isEmpty() ? "" : dir + "/";
    String fallback = ctx.source().isFile(prefix + "JailBreakV_28K.csv") ? "full" : "mini";
    String split = ctx.options().choice("split", fallback, List.of("full", "mini", "redteam"));
    String name =
        switch (split) {
          case "full" -> "JailBreakV_28K.csv";
          case "mini" -> "mini_JailBreakV_28K.csv";
          default -> "RedTeam_2K.csv";
        };
    String file = prefix + name;
    Records.csv(
        ctx.requiredText(file), file, ctx.sink(),
        (row, values) -> {
          if (split.equals("redteam")) {
            addRedTeam(ctx, file, row, values);
          } else {
            add(ctx, split, dir, file, row, values);
          }
        });
  }

  private static void add(LoadContext ctx, String split, String dir, String file, String row, Map<String, String> v) {
    String id = Records.column(v, "id").trim();
    String format = Records.column(v, "format").trim();
    String policy = Records.column(v, "policy").trim();
    CaseDraft.Builder d =
        ctx.draft(split, format.toLowerCase(Locale.ROOT), id, policy, CaseDraft.HARMFUL)
            .promptText(Records.column(v, "jailbreak_query"))
            .sourceText(Records.column(v, "redteam_query"))
            .source(file, row)
            .image(ctx.source().resolveInside(dir, Records.column(v, "image_path"), "image_path"), "image_path")
            .extra("format", format);
    d.extraExcept(v, Set.of("id", "jailbreak_query", "redteam_query", "format", "policy", "image_path"));
    ctx.sink().add(d.build());
  }

  private static void addRedTeam(LoadContext ctx, String file, String row, Map<String, String> v) {
    String policy = Records.column(v, "policy").trim();
    String question = Records.column(v, "question");
    CaseDraft.Builder d =
        ctx.draft("redteam", "redteam", Records.column(v, "id").trim(), policy, CaseDraft.HARMFUL)
            .promptText(question)
            .sourceText(question)
            .source(file, row);
    d.extraExcept(v, Set.of("id", "question", "policy"));
    ctx.sink().add(d.build());
  }
}
