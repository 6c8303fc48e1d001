package dev.mmsafety.udf.image;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Reads images through the Hadoop FileSystem API, so file://, s3a://, hdfs:// (and plain local paths) work the
 * same in every executor. Serializable: create it on the driver with the session's Hadoop configuration and use
 * it inside {@code mapPartitions}. FileSystem instances are cached by Hadoop per scheme and authority.
 */
public final class HadoopImageLoader implements ImageLoader, Serializable {
  private static final long serialVersionUID = 1L;
  /** Default read limit of {@link #load(String)}: larger files are refused before reading. */
  public static final long MAX_BYTES_DEFAULT = ImageLimits.MAX_BYTES_DEFAULT;

  private final HadoopConf conf;

  public HadoopImageLoader(Configuration conf) {
    this.conf = new HadoopConf(conf);
  }

  /** A loader with the session's Hadoop configuration (s3a credentials providers, endpoints, ...). */
  public static HadoopImageLoader of(SparkSession spark) {
    return new HadoopImageLoader(spark.sparkContext().hadoopConfiguration());
  }

  /** A loader with a default configuration (local and hdfs paths from the environment). */
  public static HadoopImageLoader local() {
    return new HadoopImageLoader(new Configuration());
  }

  @Override
  public byte[] load(String uri) throws IOException {
    return load(uri, MAX_BYTES_DEFAULT);
  }

  /**
   * Reads the whole file, refusing files larger than {@code maxBytes} before reading them.
   *
   * @throws FileNotFoundException when the file does not exist
   * @throws ImageTooLargeException when the file is larger than {@code maxBytes}
   */
  public byte[] load(String uri, long maxBytes) throws IOException {
    Path path = path(uri);
    FileSystem fs = path.getFileSystem(conf.get());
    FileStatus status = fs.getFileStatus(path);
    if (status.isDirectory()) {
      throw new FileNotFoundException(uri + " is a directory");
    }
    if (status.getLen() > maxBytes) {
      throw new ImageTooLargeException(uri + " has " + status.getLen() + " bytes, limit " + maxBytes);
    }
    try (InputStream in = fs.open(path)) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.max(32, status.getLen()));
      byte[] chunk = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(chunk)) > 0) {
        total += n;
        // The size can change between stat and read (object stores); keep the limit honest.
        if (total > maxBytes) {
          throw new ImageTooLargeException(uri + " has more than " + maxBytes + " bytes");
        }
        buffer.write(chunk, 0, n);
      }
      return buffer.toByteArray();
    }
  }

  /** Size in bytes, or -1 when the file does not exist. */
  public long size(String uri) throws IOException {
    Path path = path(uri);
    try {
      FileStatus status = path.getFileSystem(conf.get()).getFileStatus(path);
      return status.isDirectory() ? -1 : status.getLen();
    } catch (FileNotFoundException e) {
      return -1;
    }
  }

  public Configuration configuration() {
    return conf.get();
  }

  /** Hadoop's string form (unescaped), the form image URIs are stored in. */
  static Path path(String uri) {
    return new Path(uri);
  }

  /** The file is larger than the configured byte limit. */
  public static final class ImageTooLargeException extends IOException {
    public ImageTooLargeException(String message) {
      super(message);
    }
  }
}
