package dev.mmsafety.schemas;

import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/**
 * One column of a table contract: a stable id (never reused), a name, a Spark type, nullability and a one-line
 * doc. The doc travels into the Parquet schema as the field comment, so BI tools show it.
 */
public record Column(int id, String name, DataType type, boolean nullable, String doc) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (id <= 0) {
      throw new IllegalArgumentException("Invalid column id: " + id);
    }
    if (doc == null || doc.isBlank()) {
      throw new IllegalArgumentException("Invalid column doc for " + name + ": empty");
    }
  }

  public static Column required(int id, String name, DataType type, String doc) {
    return new Column(id, name, type, false, doc);
  }

  public static Column optional(int id, String name, DataType type, String doc) {
    return new Column(id, name, type, true, doc);
  }

  public StructField field() {
    Metadata meta =
        new MetadataBuilder().putString("comment", doc).putLong("field_id", id).build();
    return new StructField(name, type, nullable, meta);
  }

  /** Reads this column from a row that carries a schema (rows from a Dataset do). */
  @SuppressWarnings("unchecked")
  public <T> T get(Row row) {
    int index = row.fieldIndex(name);
    return row.isNullAt(index) ? null : (T) row.get(index);
  }

  /** Array columns come back as Scala sequences; this gives a Java list (empty when null). */
  public <T> java.util.List<T> getList(Row row) {
    int index = row.fieldIndex(name);
    return row.isNullAt(index) ? java.util.List.of() : row.getList(index);
  }

  /** Map columns come back as Scala maps; this gives a Java map (empty when null). */
  public <K, V> java.util.Map<K, V> getMap(Row row) {
    int index = row.fieldIndex(name);
    return row.isNullAt(index) ? java.util.Map.of() : row.getJavaMap(index);
  }

  public String getString(Row row) {
    Object value = get(row);
    return value == null ? null : value.toString();
  }
}
