package dev.mmsafety.jobs.io;

import dev.mmsafety.schemas.Column;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.schemas.TableContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads and writes contract tables under {@code <root>/<table>/run_date=<d>/[model=<m>/]}.
 *
 * <p>A write replaces exactly one run date's partition by writing that partition's path explicitly (mode
 * overwrite). This is what makes a night idempotent, and it is also the only overwrite the S3A committers accept
 * (they reject dynamic partition overwrite). Spark writes to a temporary location and commits at the end, so
 * readers never see a half-written partition.
 */
public record TableIO(SparkSession spark, String root, String runDate) {

  public String tablePath(TableContract table) {
    return root + "/" + table.name();
  }

  public String partitionPath(TableContract table) {
    return tablePath(table) + "/" + SharedColumns.RUN_DATE.name() + "=" + runDate;
  }

  /** Conforms {@code rows} to the contract (column order and types) and replaces this run date's partition. */
  public void write(Dataset<Row> rows, TableContract table) {
    writeMode(rows, table, SaveMode.Overwrite);
  }

  /** Appends to this run date's partition (for tables with one row per attempt, such as runs). */
  public void append(Dataset<Row> rows, TableContract table) {
    writeMode(rows, table, SaveMode.Append);
  }

  /**
   * Replaces one sub-partition of this run date, e.g. {@code rejects/run_date=d/stage=ingest}, so that stages
   * sharing a table do not replace each other's rows. Rows must all carry {@code value} in {@code column}.
   */
  public void writePartition(Dataset<Row> rows, TableContract table, Column column, String value) {
    if (!table.partitionColumns().contains(column)) {
      throw new IllegalArgumentException(
          "Cannot write " + table.name() + ": " + column.name() + " is not a partition column");
    }
    Dataset<Row> conformed =
        conform(rows.withColumn(column.name(), functions.lit(value)), table)
            .drop(SharedColumns.RUN_DATE.name(), column.name());
    conformed
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy(subPartitions(table, column.name()))
        .parquet(partitionPath(table) + "/" + column.name() + "=" + value);
  }

  private void writeMode(Dataset<Row> rows, TableContract table, SaveMode mode) {
    Dataset<Row> conformed = conform(rows, table).drop(SharedColumns.RUN_DATE.name());
    conformed.write().mode(mode).partitionBy(subPartitions(table, null)).parquet(partitionPath(table));
  }

  private static String[] subPartitions(TableContract table, String alsoFixed) {
    return table.partitionColumns().stream()
        .map(Column::name)
        .filter(n -> !n.equals(SharedColumns.RUN_DATE.name()) && !n.equals(alsoFixed))
        .toArray(String[]::new);
  }

  /** The whole table (all run dates), read with the contract schema so partition columns keep their types. */
  public Dataset<Row> read(TableContract table) {
    return spark.read()
        .schema(table.schema())
        .option("basePath", tablePath(table))
        .parquet(tablePath(table));
  }

  /** This run date's partition, filtered to one run. */
  public Dataset<Row> readRun(TableContract table, String runId) {
    return spark.read()
        .schema(table.schema())
        .option("basePath", tablePath(table))
        .parquet(partitionPath(table))
        .where(functions.col(SharedColumns.RUN_ID.name()).equalTo(runId));
  }

  /** Casts and orders columns as the contract says; missing nullable columns become nulls. */
  public static Dataset<Row> conform(Dataset<Row> rows, TableContract table) {
    Map<String, DataType> present = new HashMap<>();
    for (StructField field : rows.schema().fields()) {
      present.put(field.name(), field.dataType());
    }
    org.apache.spark.sql.Column[] cols =
        table.columns().stream()
            .map(c -> conformColumn(c, present.get(c.name())).as(c.name(), c.field().metadata()))
            .toArray(org.apache.spark.sql.Column[]::new);
    return rows.select(cols);
  }

  private static org.apache.spark.sql.Column conformColumn(Column column, DataType actual) {
    if (actual == null) {
      return functions.lit(null).cast(column.type());
    }
    // Parquet reads arrays and maps back as holding nulls; Spark cannot cast that to the contract's non-null
    // element type, and needs no cast when only nullability differs (sql() ignores nullability).
    if (actual.sql().equals(column.type().sql())) {
      return functions.col(column.name());
    }
    return functions.col(column.name()).cast(column.type());
  }
}
