package dev.mmsafety.schemas;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.DataType;

/** The nested Spark types the table contracts use, named, so each column is declared on one line. */
public final class ColumnTypes {
  private ColumnTypes() {}

  /** map&lt;string,string&gt;. */
  public static final DataType STRING_MAP = createMapType(StringType, StringType);
  /** map&lt;string,bigint&gt; (counts by name). */
  public static final DataType LONG_MAP = createMapType(StringType, LongType);
  /** array&lt;string&gt; without null elements. */
  public static final DataType STRING_LIST = createArrayType(StringType, false);
}
