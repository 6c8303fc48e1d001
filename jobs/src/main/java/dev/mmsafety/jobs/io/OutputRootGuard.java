package dev.mmsafety.jobs.io;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Makes sure a run writes only into an output root that is ours. On first use the root gets a marker file
 * {@code <root>/_mmsafety}; later runs find it and proceed. A root that exists and holds anything without the
 * marker is refused, because overwriting a run date's partitions there could replace someone else's data. The
 * marker starts with {@code _}, so Spark and Parquet readers ignore it.
 */
public final class OutputRootGuard {
  public static final String MARKER = "_mmsafety";
  static final String MARKER_TEXT = "mmsafety output root v1\n";

  private OutputRootGuard() {}

  /** Claims {@code outputRoot} for this project or throws a {@link ConfigException} with a one-line message. */
  public static void claim(SparkSession spark, String outputRoot) {
    claim(spark.sparkContext().hadoopConfiguration(), outputRoot);
  }

  public static void claim(Configuration hadoopConf, String outputRoot) {
    Path root = new Path(outputRoot);
    try {
      FileSystem fs = root.getFileSystem(hadoopConf);
      Path marker = new Path(root, MARKER);
      if (fs.exists(marker)) {
        return;
      }
      if (fs.exists(root)) {
        FileStatus status = fs.getFileStatus(root);
        if (!status.isDirectory()) {
          throw refused(outputRoot, "it is a file, not a folder");
        }
        if (fs.listStatus(root).length > 0) {
          throw refused(
              outputRoot, "it is not empty and has no " + MARKER + " marker (not written by mmsafety)");
        }
      }
      fs.mkdirs(root);
      try (OutputStream out = fs.create(marker, false)) {
        out.write((MARKER_TEXT + "claimed-at " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException e) {
        // a concurrent first run claimed it a moment ago: it is ours
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ConfigException ce) {
        throw ce;
      }
      throw refused(outputRoot, Preflight.oneLine(e));
    }
  }

  private static ConfigException refused(String outputRoot, String reason) {
    return new ConfigException("Cannot use output root " + outputRoot + ": " + reason);
  }
}
