package dev.mmsafety.udf.ingest.loaders;

import dev.mmsafety.udf.ingest.BenchmarkLoader;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.LoadContext;
import dev.mmsafety.udf.ingest.LoaderType;
import dev.mmsafety.udf.ingest.VariantKinds;
import dev.mmsafety.udf.ingest.Records;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * HarmBench multimodal behaviors: {@code data/behavior_datasets/harmbench_behaviors_multimodal_all.csv}
 * (RFC-4180: quoted fields span lines and contain doubled quotes); images
 * {@code data/multimodal_behavior_images/<ImageFileName>}. The descriptions the HarmBench classifier needs as
 * context are kept in {@code extra} under their column names.
 */
public final class HarmBenchMmLoader implements BenchmarkLoader {
  public static final String NAME = "harmbench-mm";
  static final String FILE = "data/behavior_datasets/harmbench_behaviors_multimodal_all.csv";

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "data/behavior_datasets/harmbench_behaviors_multimodal_all.csv; images data/multimodal_behavior_images/",
      HarmBenchMmLoader::new)
      .withVariants("multimodal", VariantKinds.IMAGE);

  @Override
  public void load(LoadContext ctx) throws IOException {
    Records.csv(ctx.requiredText(FILE), FILE, ctx.sink(), (row, v) -> add(ctx, row, v));
  }

  private static void add(LoadContext ctx, String row, Map<String, String> v) {
    String behavior = Records.column(v, "Behavior");
    String category = Records.column(v, "SemanticCategory").trim();
    CaseDraft.Builder d =
        ctx.draft("multimodal_all", "multimodal", Records.column(v, "BehaviorID").trim(), category, CaseDraft.HARMFUL)
            .promptText(behavior)
            .sourceText(behavior)
            .source(FILE, row)
            .image(
                ctx.source().resolveInside("data/multimodal_behavior_images", Records.column(v, "ImageFileName"), "ImageFileName"),
                "ImageFileName");
    d.extraExcept(v, Set.of("Behavior", "BehaviorID", "SemanticCategory", "ImageFileName"));
    ctx.sink().add(d.build());
  }
}
