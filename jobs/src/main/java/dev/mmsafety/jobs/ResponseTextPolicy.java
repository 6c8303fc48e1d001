package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.ReportSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Harmful content at rest (issue #8): once the judges have read the answers, the wide {@code responses} table keeps
 * the raw text only when {@code report.response-text} is {@code full} (the default: re-judging and audits need it).
 * {@code hash} keeps only {@code text_sha256}; {@code redacted} keeps the first {@link #KEPT_CHARS} characters.
 * The response cache under {@code <out>/cache/} still holds full answers so that resumed runs pay nothing twice;
 * delete it after the run where that is not wanted.
 */
public final class ResponseTextPolicy {
  public static final String FULL = ReportSpec.TEXT_FULL;
  public static final String HASH = ReportSpec.TEXT_HASH;
  public static final int KEPT_CHARS = 80;

  private ResponseTextPolicy() {}

  /** Rewrites this run's responses partition under the policy; returns the rows rewritten (0 for full). */
  public static long apply(RunContext context) {
    String policy = context.config().report().responseText(); // checked when the config was read
    if (FULL.equals(policy)) {
      return 0;
    }
    String text = ResponsesTable.TEXT.name();
    Dataset<Row> responses = context.tables().readRun(ResponsesTable.INSTANCE, context.runId());
    Dataset<Row> rewritten =
        responses.withColumn(
            text,
            HASH.equals(policy)
                ? lit(null).cast("string")
                : when(col(text).isNull(), lit(null).cast("string"))
                    .otherwise(concat(substring(col(text), 1, KEPT_CHARS), lit(" [redacted]"))));
    // The partition being replaced is also the input: materialise first so the write does not read what it deletes.
    // (a local checkpoint cuts the lineage to the files, so the plan no longer reads the path it overwrites).
    Dataset<Row> materialised = rewritten.localCheckpoint(true);
    long rows = materialised.count();
    context.tables().write(materialised, ResponsesTable.INSTANCE);
    return rows;
  }
}
