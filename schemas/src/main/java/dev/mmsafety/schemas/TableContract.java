package dev.mmsafety.schemas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table's contract: its name, version, columns in write order and partition columns. Partition columns are
 * ordinary columns of the schema; writers pass them to {@code partitionBy}.
 */
public abstract class TableContract {
  private final String name;
  private final int version;
  private final String doc;
  private final List<Column> columns;
  private final List<Column> partitionColumns;
  private final StructType schema;

  protected TableContract(
      String name, int version, String doc, List<Column> columns, List<Column> partitionColumns) {
    this.name = name;
    this.version = version;
    this.doc = doc;
    this.columns = List.copyOf(columns);
    this.partitionColumns = List.copyOf(partitionColumns);
    Set<Integer> ids = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<StructField> fields = new ArrayList<>();
    for (Column column : columns) {
      if (!ids.add(column.id()) || !names.add(column.name())) {
        throw new IllegalStateException(
            "Cannot define table " + name + ": duplicate column " + column.name() + " / id " + column.id());
      }
      fields.add(column.field());
    }
    for (Column partition : partitionColumns) {
      if (!columns.contains(partition)) {
        throw new IllegalStateException(
            "Cannot define table " + name + ": partition column " + partition.name() + " is not a column");
      }
    }
    this.schema = new StructType(fields.toArray(new StructField[0]));
  }

  public String name() {
    return name;
  }

  public int version() {
    return version;
  }

  public String doc() {
    return doc;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<Column> partitionColumns() {
    return partitionColumns;
  }

  public String[] partitionColumnNames() {
    return partitionColumns.stream().map(Column::name).toArray(String[]::new);
  }

  public StructType schema() {
    return schema;
  }

  public RowBuilder newRow() {
    return new RowBuilder(this);
  }
}
