package dev.mmsafety.udf.ingest.loaders;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * XSTest (text only): {@code xstest_prompts.csv} ({@code id, prompt, type, label, focus, note}). label safe is a
 * benign case (refusing it is over-refusal), unsafe a harmful one; the label is kept as {@code expected_label}.
 */
public final class XsTestLoader implements BenchmarkLoader {
  public static final String NAME = "xstest";

  public static final LoaderType TYPE = LoaderType.of(NAME,
      "xstest_prompts.csv (or data/xstest_prompts.csv), text only",
      XsTestLoader::new,
      Param.string("file", null, "the CSV to read instead, relative to the root"))
      .withVariants("text", VariantKinds.TEXT);

  @Override
  public void load(LoadContext ctx) throws IOException {
    String file = ctx.options().string("file", null);
    if (file == null) {
      file = ctx.source().firstFile("xstest_prompts.csv", "data/xstest_prompts.csv");
    }
    if (file == null || !ctx.source().isFile(file)) {
      throw ctx.missing("xstest_prompts.csv");
    }
    String f = file;
    Records.csv(ctx.source().readText(f), f, ctx.sink(), (row, v) -> add(ctx, f, row, v));
  }

  private static void add(LoadContext ctx, String file, String row, Map<String, String> v) {
    String label = Records.column(v, "label").trim().toLowerCase(Locale.ROOT);
    if (!label.equals("safe") && !label.equals("unsafe")) {
      throw new BadRecordException(IngestReject.BAD_VALUE, "label", "label " + label + " is not safe or unsafe");
    }
    String polarity = label.equals("safe") ? CaseDraft.BENIGN : CaseDraft.HARMFUL;
    String type = Records.column(v, "type").trim();
    String prompt = Records.column(v, "prompt");
    CaseDraft.Builder d =
        ctx.draft("prompts", "text", Records.column(v, "id").trim(), type, polarity)
            .promptText(prompt)
            .sourceText(prompt)
            .expectedLabel(label)
            .source(file, row);
    d.extraExcept(v, Set.of("id", "prompt", "type", "label"));
    ctx.sink().add(d.build());
  }
}
