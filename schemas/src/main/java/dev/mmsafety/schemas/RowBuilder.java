package dev.mmsafety.schemas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * Builds one row of a table by column, checking at {@link #build()} that every required column is set and no
 * foreign column was used. The single place where a record becomes a Spark row for every table.
 */
public final class RowBuilder {
  private final TableContract table;
  private final Map<String, Object> values = new HashMap<>();

  RowBuilder(TableContract table) {
    this.table = table;
  }

  public RowBuilder set(Column column, Object value) {
    if (!table.columns().contains(column)) {
      throw new IllegalArgumentException(
          "Cannot set column " + column.name() + ": not a column of table " + table.name());
    }
    values.put(column.name(), value);
    return this;
  }

  /** Copies every column of {@code source} that this table also has (by name), unless already set. */
  public RowBuilder copyFrom(Row source) {
    List<String> names = List.of(source.schema().fieldNames());
    for (Column column : table.columns()) {
      if (!values.containsKey(column.name()) && names.contains(column.name())) {
        values.put(column.name(), source.get(source.fieldIndex(column.name())));
      }
    }
    return this;
  }

  /**
   * Spark 4's row encoder wants Scala collections for MAP and ARRAY columns (a java.util.Map fails with
   * INVALID_EXTERNAL_TYPE), so Java collections are converted here, once, for every table.
   */
  private static Object toExternal(Object value) {
    if (value instanceof java.util.Map<?, ?> map) {
      return scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(map));
    }
    if (value instanceof java.util.List<?> list) {
      return scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq();
    }
    return value;
  }

  public Row build() {
    List<Column> columns = table.columns();
    Object[] out = new Object[columns.size()];
    for (int i = 0; i < out.length; i++) {
      Column column = columns.get(i);
      Object value = values.get(column.name());
      if (value == null && !column.nullable()) {
        throw new IllegalStateException(
            "Cannot build " + table.name() + " row: required column " + column.name() + " is null");
      }
      out[i] = toExternal(value);
    }
    return new GenericRowWithSchema(out, table.schema());
  }
}
