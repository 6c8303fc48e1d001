package dev.mmsafety.jobs.cli.options;

import dev.mmsafety.jobs.ImportResponsesJob;
import dev.mmsafety.udf.ingest.ResponseImporter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How a file of answers is read (import-responses, judge validate): {@code --format}, {@code --field}, {@code --label-prefix}. */
public final class ResponseFileOptions {
  @Option(names = "--format", description = "jsonl, csv or parquet (default: from the extension).")
  String format;

  @Option(names = "--field", description = "Role=column, repeatable; roles: case-id, id, text (the question), response, model, benchmark, variant, category, polarity, image, context (e.g. an image description), and for labels files annotator, label, decision.")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(names = "--label-prefix", description = "Columns with this prefix are per-annotator labels (default ${DEFAULT-VALUE}).")
  String labelPrefix = ResponseImporter.LABEL_PREFIX_DEFAULT;

  /** {@code job} reading the file as these options say. */
  public ImportResponsesJob applyTo(ImportResponsesJob job) {
    return job.format(format).fields(fields).labelPrefix(labelPrefix);
  }
}
