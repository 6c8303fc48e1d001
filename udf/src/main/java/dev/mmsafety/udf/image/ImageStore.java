package dev.mmsafety.udf.image;

import dev.mmsafety.udf.common.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Content-addressed image files under {@code <out>/images/sha256/<aa>/<sha>.<ext>} (docs/design.md), written
 * through Hadoop FS. Equal bytes land on one file, so rewriting is a no-op and concurrent writers agree.
 */
public final class ImageStore implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String root;
  private final HadoopConf conf;

  /** @param outputRoot the run's output root (file path or Hadoop URI) */
  public ImageStore(String outputRoot, HadoopConf conf) {
    this.root = outputRoot.endsWith("/") ? outputRoot.substring(0, outputRoot.length() - 1) : outputRoot;
    this.conf = conf;
  }

  /** Where bytes with this hash and extension live. */
  public String uriFor(String sha256, String extension) {
    return root + "/images/sha256/" + sha256.substring(0, 2) + "/" + sha256 + "." + extension;
  }

  /** Writes the bytes unless the same content is already stored; returns the stored URI. */
  public String put(byte[] bytes) throws IOException {
    String sha = Hashing.sha256Hex(bytes);
    String uri = uriFor(sha, ImageValidator.sniff(bytes));
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf.get());
    if (fs.exists(path)) {
      return fs.makeQualified(path).toString();
    }
    Path tmp = new Path(path.getParent(), "." + path.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    // Rename publishes whole files only; losing a race to an identical file is fine.
    if (!fs.rename(tmp, path)) {
      fs.delete(tmp, false);
    }
    return fs.makeQualified(path).toString();
  }
}
