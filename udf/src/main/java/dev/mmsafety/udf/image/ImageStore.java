package dev.mmsafety.udf.image;

import dev.mmsafety.udf.common.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Content-addressed image files under {@code <out>/images/sha256/<aa>/<sha>.<ext>} (docs/design.md), written
 * through Hadoop FS by ingest (images carried inside datasets) and by attacks (generated images). Equal bytes land
 * on one file, so rewriting is a no-op and concurrent writers agree: bytes go to a hidden temporary name and are
 * renamed into place, and losing that race to an identical file is success.
 */
public final class ImageStore implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String DIR = "images/sha256";
  private final String root;
  private final HadoopConf conf;

  /** Where an image was stored, and its content hash. */
  public record Stored(String uri, String sha256) {}

  /** @param outputRoot the run's output root (file path or Hadoop URI) */
  public ImageStore(String outputRoot, HadoopConf conf) {
    this.root = outputRoot.endsWith("/") ? outputRoot.substring(0, outputRoot.length() - 1) : outputRoot;
    this.conf = conf;
  }

  public ImageStore(String outputRoot, Configuration conf) {
    this(outputRoot, new HadoopConf(conf));
  }

  /** Where bytes with this hash and extension live. */
  public String uriFor(String sha256, String extension) {
    return root + "/" + DIR + "/" + sha256.substring(0, 2) + "/" + sha256 + "." + extension;
  }

  /** Writes the bytes (extension from their magic bytes) unless already stored; returns the stored URI. */
  public String put(byte[] bytes) throws IOException {
    return put(bytes, ImageValidator.sniff(bytes)).uri();
  }

  /** Writes the bytes under the given extension unless already stored. */
  public Stored put(byte[] bytes, String extension) throws IOException {
    String sha = Hashing.sha256Hex(bytes);
    Path path = new Path(uriFor(sha, extension));
    FileSystem fs = path.getFileSystem(conf.get());
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRawFileSystem(); // no .crc side files next to the images
    }
    String uri = fs.makeQualified(path).toString();
    if (fs.exists(path)) {
      return new Stored(uri, sha);
    }
    Path tmp = new Path(path.getParent(), "." + path.getName() + "." + UUID.randomUUID() + ".tmp");
    fs.mkdirs(path.getParent());
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(bytes);
    }
    boolean renamed;
    try {
      renamed = fs.rename(tmp, path);
    } catch (FileAlreadyExistsException e) {
      renamed = false; // S3A reports a lost race by throwing where HDFS and local return false
    }
    if (!renamed) {
      fs.delete(tmp, false);
      if (!fs.exists(path)) {
        throw new IOException("Cannot store image " + path + ": rename failed");
      }
    }
    return new Stored(uri, sha);
  }
}
