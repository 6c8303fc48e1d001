package dev.mmsafety.udf.spark;

import dev.mmsafety.udf.image.ImageLoader;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads judge images through Hadoop's FileSystem, so file paths, file:, s3a: and hdfs: URIs all work. */
final class JudgeImages implements ImageLoader {
  private final Configuration conf = new Configuration();

  @Override
  public byte[] load(String uri) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }
}
