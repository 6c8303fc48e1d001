package dev.mmsafety.udf.attack;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads user-supplied files (templates, manifests, images) by Hadoop URI or local path. */
public final class UserFiles {
  private UserFiles() {}

  public static byte[] read(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new FileNotFoundException(uri);
    }
    try (InputStream in = fs.open(path)) {
      return in.readAllBytes();
    }
  }

}
