package dev.mmsafety.jobs.metrics;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.TableContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reads tables that may not exist yet (a first night has no runs, a run without imports has no labels). */
public final class OptionalTables {
  private OptionalTables() {}

  /** The whole table, if it was ever written. */
  public static Optional<Dataset<Row>> all(RunContext context, TableContract table) {
    TableIO io = context.tables();
    return exists(context, io.tablePath(table)) ? Optional.of(io.read(table)) : Optional.empty();
  }

  /** This run's rows of the table, if its run-date partition exists. */
  public static Optional<Dataset<Row>> thisRun(RunContext context, TableContract table) {
    TableIO io = context.tables();
    return exists(context, io.partitionPath(table))
        ? Optional.of(io.readRun(table, context.runId()))
        : Optional.empty();
  }

  private static boolean exists(RunContext context, String path) {
    Path p = new Path(path);
    try {
      return p.getFileSystem(context.spark().sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
