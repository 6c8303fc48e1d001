package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.schemas.JudgmentsTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The judgment cache: Parquet files under {@code <out>/cache/judgments/}, one row per cache key (sha256 of judge
 * name, template hash, response id and response text hash) holding the verdict columns. Appended to, never
 * rewritten; a key written twice (two runs racing) holds the same verdict both times, so readers keep any one.
 */
final class JudgmentCache {
  static final List<String> VERDICT_COLUMNS =
      List.of("status", "verdict", "refused", "unsafe", "effective", "score", "matched", "categories", "reason");

  private JudgmentCache() {}

  static StructType schema() {
    StructType schema = new StructType().add(JudgeResponsesJob.CACHE_KEY, org.apache.spark.sql.types.DataTypes.StringType, false);
    for (String name : VERDICT_COLUMNS) {
      schema = schema.add(JudgmentsTable.INSTANCE.schema().apply(name).copy(name,
          JudgmentsTable.INSTANCE.schema().apply(name).dataType(), true,
          org.apache.spark.sql.types.Metadata.empty()));
    }
    return schema;
  }

  static Dataset<Row> read(SparkSession spark, String path) {
    try {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
      if (!p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p)) {
        return spark.createDataFrame(List.of(), schema());
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read judgment cache " + path + ": " + e.getMessage(), e);
    }
    return spark.read().schema(schema()).parquet(path).dropDuplicates(JudgeResponsesJob.CACHE_KEY);
  }

  static void append(Dataset<Row> rows, String path) {
    org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[VERDICT_COLUMNS.size() + 1];
    cols[0] = col(JudgeResponsesJob.CACHE_KEY);
    for (int i = 0; i < VERDICT_COLUMNS.size(); i++) {
      cols[i + 1] = col(VERDICT_COLUMNS.get(i));
    }
    rows.select(cols).write().mode(SaveMode.Append).parquet(path);
  }
}
