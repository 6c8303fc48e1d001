package dev.mmsafety.udf.ingest;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A dataset root on any Hadoop filesystem, as the driver sees it: reads the metadata files (hashing each one for
 * {@code dataset_hash}), lists folders, and resolves the relative image paths the metadata names, refusing paths
 * that leave the root.
 */
public final class DatasetSource {
  private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  private final Path root;
  private final FileSystem fs;
  private final Configuration conf;
  private final Map<String, String> fileHashes = new TreeMap<>();

  private DatasetSource(Path root, FileSystem fs, Configuration conf) {
    this.root = root;
    this.fs = fs;
    this.conf = conf;
  }

  /** Opens a dataset root; a missing or empty folder is a one-line {@link ConfigException}. */
  public static DatasetSource open(String rootUri, Configuration conf) {
    try {
      Path path = new Path(rootUri);
      FileSystem fs = path.getFileSystem(conf);
      Path qualified = fs.makeQualified(path);
      FileStatus status;
      try {
        status = fs.getFileStatus(qualified);
      } catch (FileNotFoundException e) {
        throw new ConfigException("Cannot ingest " + rootUri + ": no such folder");
      }
      if (!status.isDirectory()) {
        throw new ConfigException("Cannot ingest " + rootUri + ": not a folder");
      }
      if (fs.listStatus(qualified).length == 0) {
        throw new ConfigException("Cannot ingest " + rootUri + ": folder is empty");
      }
      return new DatasetSource(qualified, fs, conf);
    } catch (IOException e) {
      throw new ConfigException("Cannot ingest " + rootUri + ": " + e.getMessage(), e);
    }
  }

  public String rootUri() {
    return root.toString();
  }

  public Configuration conf() {
    return conf;
  }

  public Path path(String rel) {
    return rel.isEmpty() ? root : new Path(root, rel);
  }

  public String uri(String rel) {
    return path(rel).toString();
  }

  public boolean isFile(String rel) throws IOException {
    try {
      return fs.getFileStatus(path(rel)).isFile();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  public boolean isDirectory(String rel) throws IOException {
    try {
      return fs.getFileStatus(path(rel)).isDirectory();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** The first of {@code candidates} that is a file, or null. */
  public String firstFile(String... candidates) throws IOException {
    for (String c : candidates) {
      if (isFile(c)) {
        return c;
      }
    }
    return null;
  }

  /** Reads a metadata file whole and adds it to the dataset hash. */
  public byte[] readBytes(String rel) throws IOException {
    try (InputStream in = fs.open(path(rel))) {
      byte[] bytes = in.readAllBytes();
      fileHashes.put(rel, Hashing.sha256Hex(bytes));
      return bytes;
    }
  }

  /** Reads a metadata file as UTF-8 (a leading byte-order mark is dropped) and adds it to the dataset hash. */
  public String readText(String rel) throws IOException {
    String text = new String(readBytes(rel), StandardCharsets.UTF_8);
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** Records a file streamed elsewhere (parquet) in the dataset hash by its size and modification time. */
  public void hashByStatus(String rel) throws IOException {
    FileStatus status = fs.getFileStatus(path(rel));
    fileHashes.put(rel, Hashing.sha256Hex(rel, Long.toString(status.getLen()), Long.toString(status.getModificationTime())));
  }

  /** Names of the files directly in {@code relDir} ending with {@code suffix}, sorted; empty if no folder. */
  public List<String> listFiles(String relDir, String suffix) throws IOException {
    if (!isDirectory(relDir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (FileStatus s : fs.listStatus(path(relDir))) {
      String name = s.getPath().getName();
      if (s.isFile() && name.endsWith(suffix) && !name.startsWith(".")) {
        names.add(name);
      }
    }
    names.sort(null);
    return names;
  }

  /** sha256 over the metadata files read, in path order (the {@code dataset_hash} column). */
  public String datasetHash() {
    StringBuilder all = new StringBuilder();
    fileHashes.forEach((k, v) -> all.append(k).append('\t').append(v).append('\n'));
    return Hashing.sha256Hex(all.toString());
  }

  /**
   * Resolves a path found in metadata, relative to folder {@code baseRel} of the root, to a URI. Absolute paths,
   * URIs and {@code ..} that would leave the dataset root are refused.
   *
   * @throws BadRecordException with reason path_escapes_root
   */
  public String resolveInside(String baseRel, String relPath, String field) {
    if (relPath == null || relPath.isBlank()) {
      throw new BadRecordException(IngestReject.MISSING_FIELD, field, "field " + field + " is empty");
    }
    String p = relPath.trim().replace('\\', '/');
    if (p.startsWith("/") || SCHEME.matcher(p).matches()) {
      throw new BadRecordException(
          IngestReject.PATH_ESCAPES_ROOT, field, "path " + relPath + " is absolute; it must be relative to the dataset root");
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : (baseRel.isEmpty() ? "" : baseRel + "/").concat(p).split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new BadRecordException(
              IngestReject.PATH_ESCAPES_ROOT, field, "path " + relPath + " leaves the dataset root");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return uri(String.join("/", parts));
  }
}
