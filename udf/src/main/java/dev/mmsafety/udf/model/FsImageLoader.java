package dev.mmsafety.udf.model;

import dev.mmsafety.udf.image.ImageLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A minimal Hadoop FileSystem image loader for the model client (local paths, file:, hdfs:, s3a:), serializable
 * with its Hadoop configuration so executors see the driver's filesystem settings. The shared loader of the image
 * stage (udf.image.HadoopImageLoader) can replace it where available.
 */
public final class FsImageLoader implements ImageLoader, Serializable {
  private static final long serialVersionUID = 1L;
  public static final long MAX_BYTES = 32L << 20;

  private transient Configuration conf;

  public FsImageLoader(Configuration conf) {
    this.conf = conf;
  }

  public Configuration conf() {
    return conf;
  }

  @Override
  public byte[] load(String uri) throws IOException {
    if (uri == null || uri.isBlank()) {
      throw new IOException("image URI is empty");
    }
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    long length = fs.getFileStatus(path).getLen();
    if (length > MAX_BYTES) {
      throw new IOException("image " + uri + " is larger than " + MAX_BYTES + " bytes");
    }
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}
