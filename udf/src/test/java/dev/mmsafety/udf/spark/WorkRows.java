package dev.mmsafety.udf.spark;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Inference work rows (a text probe x model "m" x defense "none") for driving a partition without Spark. */
final class WorkRows {
  private WorkRows() {}

  /** Array columns hold Scala sequences in real rows. */
  static scala.collection.immutable.Seq<String> seq() {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toList();
  }

  static List<Row> work(int n) {
    StructType schema = ProbesTable.INSTANCE.schema()
        .add(InferenceTask.MODEL_COL, DataTypes.StringType)
        .add(InferenceTask.DEFENSE_COL, DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] values = new Object[schema.size()];
      Row probe = ProbesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "p").set(SharedColumns.PROBE_ID, "probe-" + i)
          .set(SharedColumns.CASE_ID, "b:v:" + i).set(SharedColumns.BENCHMARK, "b").set(SharedColumns.DATASET, "d")
          .set(ProbesTable.DATASET_HASH, "h").set(SharedColumns.CANONICAL_CATEGORY, "c")
          .set(SharedColumns.POLARITY, "harmful").set(SharedColumns.ATTACK, "none")
          .set(ProbesTable.ATTACK_VERSION, "1").set(ProbesTable.ATTACK_PARAMS, "{}").set(ProbesTable.ATTACK_SEED, 0L)
          .set(ProbesTable.PROMPT_TEXT, "question " + i).set(ProbesTable.IMAGE_URIS, seq())
          .set(ProbesTable.IMAGE_SHA256S, seq()).set(SharedColumns.RUN_DATE, "2026-01-15").build();
      for (int c = 0; c < probe.size(); c++) {
        values[c] = probe.get(c);
      }
      values[probe.size()] = "m";
      values[probe.size() + 1] = "none";
      rows.add(new GenericRowWithSchema(values, schema));
    }
    return rows;
  }

}
