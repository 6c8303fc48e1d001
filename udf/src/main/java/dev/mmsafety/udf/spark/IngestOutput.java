package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.ingest.IngestReject;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The ingest stage's intermediate rows: each item becomes exactly one row holding either a {@code case} or a
 * {@code reject} struct, so one pass over the images yields both tables and the counts reconcile by construction.
 */
public final class IngestOutput {
  public static final String CASE = "case";
  public static final String REJECT = "reject";
  public static final String STAGE = "ingest";
  public static final StructType SCHEMA =
      new StructType(
          new StructField[] {
            DataTypes.createStructField(CASE, CasesTable.INSTANCE.schema(), true),
            DataTypes.createStructField(REJECT, RejectsTable.INSTANCE.schema(), true)
          });

  private IngestOutput() {}

  public static Row ofCase(Row caseRow) {
    return RowFactory.create(caseRow, null);
  }

  public static Row ofReject(IngestReject r, String runId, String runDate) {
    return RowFactory.create(null, rejectRow(r, runId, runDate));
  }

  /** A rejects-table row (stage ingest) for one reject. */
  public static Row rejectRow(IngestReject r, String runId, String runDate) {
    return RejectsTable.INSTANCE
        .newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(SharedColumns.RUN_DATE, runDate)
        .set(RejectsTable.STAGE, STAGE)
        .copyFrom(r)
        .build();
  }
}
