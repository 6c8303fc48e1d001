package dev.mmsafety.schemas;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's contract: its name, version, columns in write order and partition columns. Partition columns are
 * ordinary columns of the schema; writers pass them to {@code partitionBy}. Each table's class declares its
 * columns and one {@code INSTANCE} built with {@link #of}; the Spark schema is built once, here, from the columns.
 */
public record TableContract(
    String name, int version, String doc, List<Column> columns, List<Column> partitionColumns, StructType schema) {
  /** Checks the columns and derives the Spark schema from them: a schema passed in is never used as given. */
  public TableContract {
    columns = List.copyOf(columns);
    partitionColumns = List.copyOf(partitionColumns);
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Column column : columns) {
      if (!ids.add(column.id()) || !names.add(column.name())) {
        throw new IllegalStateException(
            "Cannot define table " + name + ": duplicate column " + column.name() + " / id " + column.id());
      }
    }
    for (Column partition : partitionColumns) {
      if (!columns.contains(partition)) {
        throw new IllegalStateException(
            "Cannot define table " + name + ": partition column " + partition.name() + " is not a column");
      }
    }
    schema = new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
  }

  /** Write order made of runs, for a table that repeats another table's group of columns in place. */
  @SafeVarargs
  public static List<Column> columns(List<Column>... runs) {
    return Arrays.stream(runs).flatMap(List::stream).toList();
  }

  /**
   * The contract of run-scoped table {@code name}. Every table here has one layout: {@code run_id} first, then its
   * groups of columns in write order, then its partition columns last; this is the one place that lays it out.
   */
  @SafeVarargs
  public static TableContract of(
      String name, int version, String doc, List<Column> partitionColumns, List<Column>... groups) {
    List<Column> columns = new ArrayList<>();
    columns.add(SharedColumns.RUN_ID);
    columns.addAll(columns(groups));
    columns.addAll(partitionColumns);
    return new TableContract(name, version, doc, columns, partitionColumns, null);
  }

  public String[] partitionColumnNames() {
    return partitionColumns.stream().map(Column::name).toArray(String[]::new);
  }

  public RowBuilder newRow() {
    return new RowBuilder(this);
  }
}
