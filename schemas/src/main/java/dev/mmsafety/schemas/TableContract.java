package dev.mmsafety.schemas;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's contract: its name, version, columns in write order and partition columns. Partition columns are
 * ordinary columns of the schema; writers pass them to {@code partitionBy}. Each table's class declares its
 * columns and one {@code INSTANCE} built with {@link #of}; {@code schema} is the Spark schema of the columns, kept
 * so rows need not rebuild it (the constructor checks it is exactly that).
 */
public record TableContract(
    String name, int version, String doc, List<Column> columns, List<Column> partitionColumns, StructType schema) {

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
    if (!schemaOf(columns).equals(schema)) {
      throw new IllegalStateException("Cannot define table " + name + ": the schema is not that of its columns");
    }
  }

  /** The contract of table {@code name}: its columns in write order and the partition columns among them. */
  public static TableContract of(
      String name, int version, String doc, List<Column> columns, List<Column> partitionColumns) {
    return new TableContract(name, version, doc, columns, partitionColumns, schemaOf(columns));
  }

  private static StructType schemaOf(List<Column> columns) {
    return new StructType(columns.stream().map(Column::field).toArray(StructField[]::new));
  }

  public String[] partitionColumnNames() {
    return partitionColumns.stream().map(Column::name).toArray(String[]::new);
  }

  public RowBuilder newRow() {
    return new RowBuilder(this);
  }
}
