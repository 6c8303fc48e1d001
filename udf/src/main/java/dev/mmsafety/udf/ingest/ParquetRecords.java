package dev.mmsafety.udf.ingest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams a parquet file record by record with plain parquet-hadoop (one row group in memory at a time), each
 * record as a map: strings, longs, ints, booleans, doubles, byte arrays, nested maps for structs.
 */
public final class ParquetRecords {
  private ParquetRecords() {}

  /** Receives one record: 1-based row number within the file and its fields. */
  public interface Consumer {
    /** @return false to stop reading */
    boolean accept(long row, Map<String, Object> record) throws IOException;
  }

  /**
   * Reads {@code path}; {@code projection} (a parquet message type, e.g. {@code message m { optional int64 step; }})
   * limits the columns read, or null for all.
   */
  public static void read(Path path, Configuration conf, String projection, Consumer consumer) throws IOException {
    Configuration c = new Configuration(conf);
    if (projection != null) {
      c.set(ReadSupport.PARQUET_READ_SCHEMA, projection);
    }
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path).withConf(c).build()) {
      long row = 0;
      Group g;
      while ((g = reader.read()) != null) {
        row++;
        if (!consumer.accept(row, toMap(g))) {
          return;
        }
      }
    }
  }

  static Map<String, Object> toMap(Group g) {
    GroupType type = g.getType();
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      if (g.getFieldRepetitionCount(i) == 0) {
        out.put(field.getName(), null);
      } else if (!field.isPrimitive()) {
        out.put(field.getName(), toMap(g.getGroup(i, 0)));
      } else {
        out.put(field.getName(), value(g, i, field.asPrimitiveType()));
      }
    }
    return out;
  }

  private static Object value(Group g, int i, PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case BINARY, FIXED_LEN_BYTE_ARRAY -> {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        boolean text =
            logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
        yield text ? g.getString(i, 0) : g.getBinary(i, 0).getBytes();
      }
      case INT32 -> g.getInteger(i, 0);
      case INT64 -> g.getLong(i, 0);
      case BOOLEAN -> g.getBoolean(i, 0);
      case FLOAT -> (double) g.getFloat(i, 0);
      case DOUBLE -> g.getDouble(i, 0);
      case INT96 -> g.getInt96(i, 0).getBytes();
    };
  }
}
