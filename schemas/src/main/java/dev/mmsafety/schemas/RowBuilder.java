package dev.mmsafety.schemas;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
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
   * Copies every component of {@code source} that names a column of this table, unless already set: component
   * {@code sourceRow} fills column {@code source_row}. Components that are not columns here are passed over, as
   * {@link #copyFrom(Row)} passes over foreign fields.
   */
  public RowBuilder copyFrom(Record source) {
    return copyFrom("", source);
  }

  /** As {@link #copyFrom(Record)}, for columns named {@code prefix} + component: {@code image_} + {@code colorSpace}. */
  public RowBuilder copyFrom(String prefix, Record source) {
    for (Method accessor : ACCESSORS.get(source.getClass())) {
      String name = prefix + snakeCase(accessor.getName());
      if (!values.containsKey(name) && table.columns().stream().anyMatch(c -> c.name().equals(name))) {
        values.put(name, value(accessor, source));
      }
    }
    return this;
  }

  /** Each record class's component accessors, looked up once (rows are built per item, on executors). */
  private static final ClassValue<List<Method>> ACCESSORS = new ClassValue<>() {
    @Override
    protected List<Method> computeValue(Class<?> type) {
      List<Method> accessors = new java.util.ArrayList<>();
      for (RecordComponent component : type.getRecordComponents()) {
        Method accessor = component.getAccessor();
        accessor.setAccessible(true); // a record nested package-private in its caller's package
        accessors.add(accessor);
      }
      return List.copyOf(accessors);
    }
  };

  private static String snakeCase(String camelCase) {
    return camelCase.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  private static Object value(Method accessor, Record source) {
    try {
      return accessor.invoke(source);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read component " + accessor.getName() + " of " + source, e);
    }
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
