package dev.mmsafety.udf.attack;

import dev.mmsafety.udf.common.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Generated images, stored once by content under {@code <root>/images/sha256/<aa>/<sha>.<ext>} through the Hadoop
 * FileSystem API (local, HDFS, S3A). Write-if-absent: a present file is never rewritten, and a new one is written
 * to a hidden temporary name and renamed, so readers and concurrent writers never see a partial image. Two tasks
 * racing on the same image both succeed, since the bytes are equal by construction.
 */
public final class ImageStore {
  public static final String DIR = "images/sha256";

  private final String root;
  private final Configuration conf;

  /** A stored image: where it is and its sha256 (hex). */
  public record Stored(String uri, String sha256) {}

  public ImageStore(String root, Configuration conf) {
    this.root = root.replaceAll("/+$", "");
    this.conf = conf;
  }

  public String pathFor(String sha256, String ext) {
    return root + "/" + DIR + "/" + sha256.substring(0, 2) + "/" + sha256 + "." + ext;
  }

  public Stored put(byte[] bytes, String ext) throws IOException {
    String sha = Hashing.sha256Hex(bytes);
    Path target = new Path(pathFor(sha, ext));
    FileSystem fs = target.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRawFileSystem(); // no .crc side files next to the images
    }
    if (!fs.exists(target)) {
      Path tmp = new Path(target.getParent(), "." + sha + "." + UUID.randomUUID() + ".tmp");
      fs.mkdirs(target.getParent());
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      if (!fs.rename(tmp, target)) {
        fs.delete(tmp, false);
        if (!fs.exists(target)) {
          throw new IOException("Cannot store image " + target + ": rename failed");
        }
      }
    }
    return new Stored(target.toString(), sha);
  }
}
