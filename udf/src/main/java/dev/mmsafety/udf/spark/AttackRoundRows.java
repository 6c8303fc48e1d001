package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.attack.adaptive.SearchStep;
import org.apache.spark.sql.Row;

/** The one place a search node becomes an attack_rounds row. */
public final class AttackRoundRows {
  private AttackRoundRows() {}

  public static Row of(String runId, String runDate, String caseId, String model, String attack, SearchStep s) {
    return AttackRoundsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(SharedColumns.RUN_DATE, runDate)
        .set(SharedColumns.CASE_ID, caseId)
        .set(SharedColumns.MODEL, model)
        .set(SharedColumns.ATTACK, attack)
        .copyFrom(s)
        .build();
  }
}
