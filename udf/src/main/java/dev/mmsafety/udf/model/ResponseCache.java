package dev.mmsafety.udf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The response cache on the output root ({@code <out>/cache/responses/}), usable across runs and machines: one
 * JSON line per successful answer, keyed by request id. Tasks append to their own segment file
 * ({@code seg-<run>-s<stage>-p<partition>-a<attempt>-<uuid>.jsonl}) and flush after every answer, so a killed
 * run keeps what it paid for; the driver compacts segments into one {@code part-<uuid>.jsonl} after a stage.
 * Readers skip a torn last line. Only ok answers are cached: errors are retried by the next run.
 *
 * <p>Each line also says where the answer came from: the run id and run date it was first answered in and the
 * model's revision. Which lines a run may reuse is its {@link Scope}: those of its own run date (a resumed or
 * re-run night), plus, under {@code inference.cache-scope: revision}, those of any night answered for a model
 * with a revision (the revision is in the request id, so an equal id means an equal revision). Lines without a
 * run date (written before lines carried one) are never reused.
 *
 * <p>On the local filesystem the raw (checksum-free) filesystem is used, so a segment being written can be read
 * back while its writer is alive. On object stores a segment becomes visible when its task closes it.
 */
public final class ResponseCache {
  public static final String SUBDIR = "cache/responses";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResponseCache() {}

  /** One cached answer and where it came from. */
  public record Entry(ModelResponse response, String runId, String runDate, String revision) {}

  /** Which entries a run reuses (see the class comment); a null run date admits every entry. */
  public record Scope(String runDate, boolean acrossRuns) implements java.io.Serializable {
    /** Every entry: for tools that look at the whole cache. */
    public static final Scope ALL = new Scope(null, true);

    public boolean admits(Entry e) {
      if (runDate == null) {
        return true;
      }
      return e.runDate() != null && (e.runDate().equals(runDate) || acrossRuns && e.revision() != null);
    }

    /** Of two admitted entries for one request id, the one a run keeps: its own night's, else the first answered. */
    Entry preferred(Entry a, Entry b) {
      if (runDate != null && runDate.equals(b.runDate()) && !runDate.equals(a.runDate())) {
        return b;
      }
      if (runDate != null && runDate.equals(a.runDate()) && !runDate.equals(b.runDate())) {
        return a;
      }
      return String.valueOf(b.runDate()).compareTo(String.valueOf(a.runDate())) < 0 ? b : a;
    }
  }

  /** The run an answer is first received in, written on its cache line. */
  public record Origin(String runId, String runDate) implements java.io.Serializable {}

  public static String dir(String outputRoot) {
    return outputRoot + "/" + SUBDIR;
  }

  static FileSystem fs(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof ChecksumFileSystem checksum ? checksum.getRawFileSystem() : fs;
  }

  /** Segment file name prefix for one task: later attempts of the same partition look for these. */
  public static String segmentPrefix(String runTag, int stage, int partition) {
    return "seg-" + runTag + "-s" + stage + "-p" + partition + "-";
  }

  /** Reads every cache file (or only those starting with {@code namePrefix}) into {@code into}, every line. */
  public static int loadInto(Configuration conf, String dir, String namePrefix, Map<String, ModelResponse> into)
      throws IOException {
    Map<String, Entry> entries = new java.util.HashMap<>();
    int n = load(conf, dir, namePrefix, Scope.ALL, entries);
    entries.forEach((id, e) -> into.put(id, e.response()));
    return n;
  }

  /** Reads the entries {@code scope} admits from every cache file (or those starting with {@code namePrefix}). */
  public static int load(Configuration conf, String dir, String namePrefix, Scope scope, Map<String, Entry> into)
      throws IOException {
    int n = 0;
    for (FileStatus file : list(conf, dir)) {
      if (namePrefix == null || file.getPath().getName().startsWith(namePrefix)) {
        n += read(conf, file.getPath(), e -> {
          if (scope.admits(e)) {
            into.merge(e.response().requestId(), e, scope::preferred);
          }
        });
      }
    }
    return n;
  }

  private static List<FileStatus> list(Configuration conf, String dir) throws IOException {
    Path path = new Path(dir);
    FileSystem fs = fs(path, conf);
    List<FileStatus> files = new ArrayList<>();
    if (!fs.exists(path)) {
      return files;
    }
    for (FileStatus s : fs.listStatus(path)) {
      String name = s.getPath().getName();
      if (s.isFile() && name.endsWith(".jsonl") && (name.startsWith("seg-") || name.startsWith("part-"))) {
        files.add(s);
      }
    }
    return files;
  }

  private static int read(Configuration conf, Path file, java.util.function.Consumer<Entry> into) throws IOException {
    int n = 0;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(fs(file, conf).open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        Entry e = parse(line);
        if (e != null) {
          into.accept(e);
          n++;
        }
      }
    }
    return n;
  }

  /** A cache line as an entry whose response is marked as a cache hit; null for a torn or foreign line. */
  static Entry parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(line);
      if (n == null || !n.path("request_id").isTextual() || !n.path("text").isTextual()) {
        return null;
      }
      ModelResponse r = new ModelResponse(n.get("request_id").asText(), ModelResponse.Status.OK,
          n.get("text").asText(), text(n, "finish_reason"), integer(n, "prompt_tokens"),
          integer(n, "completion_tokens"), n.path("latency_ms").isNumber() ? n.get("latency_ms").asLong() : null,
          integer(n, "http_status"), 0, text(n, "endpoint"), null, true, channel(n), text(n, "tool_calls"));
      return new Entry(r, text(n, "run_id"), text(n, "run_date"), text(n, "revision"));
    } catch (IOException e) {
      return null;
    }
  }

  static String line(Entry e) {
    ModelResponse r = e.response();
    ObjectNode n = JSON.createObjectNode();
    n.put("request_id", r.requestId());
    n.put("text", r.text());
    n.put("finish_reason", r.finishReason());
    n.put("prompt_tokens", r.promptTokens());
    n.put("completion_tokens", r.completionTokens());
    n.put("latency_ms", r.latencyMs());
    n.put("http_status", r.httpStatus());
    n.put("endpoint", r.endpoint());
    if (r.answerChannel() != null) {
      n.put("answer_channel", r.answerChannel());
    }
    if (r.toolCalls() != null) {
      n.put("tool_calls", r.toolCalls());
    }
    n.put("run_id", e.runId());
    n.put("run_date", e.runDate());
    n.put("revision", e.revision());
    return n.toString();
  }

  // Lines written before answer_channel existed held content answers only.
  private static String channel(JsonNode n) {
    String channel = text(n, "answer_channel");
    return channel != null ? channel : AnswerChannel.CONTENT.id();
  }

  private static String text(JsonNode n, String field) {
    return n.path(field).isTextual() ? n.get(field).asText() : null;
  }

  private static Integer integer(JsonNode n, String field) {
    return n.path(field).isInt() ? n.get(field).asInt() : null;
  }

  /**
   * Rewrites all cache files of {@code dir} as one deduplicated part file, then deletes the files it read.
   * Runs on the driver after a stage, when no task writes. Returns the number of entries kept.
   */
  public static int compact(Configuration conf, String dir) throws IOException {
    List<FileStatus> files = list(conf, dir);
    if (files.size() <= 1) {
      return files.isEmpty() ? 0 : read(conf, files.get(0).getPath(), e -> {});
    }
    // One line per (request id, run date): a night that called again under cache-scope run keeps its own answer
    // next to the earlier night's, so either night can be re-run from the cache.
    Map<List<String>, Entry> all = new java.util.LinkedHashMap<>();
    for (FileStatus f : files) {
      read(conf, f.getPath(), e -> all.put(java.util.Arrays.asList(e.response().requestId(), e.runDate()), e));
    }
    Path dirPath = new Path(dir);
    FileSystem fs = fs(dirPath, conf);
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path tmp = new Path(dirPath, "_tmp-" + id);
    try (OutputStream out = fs.create(tmp, false)) {
      for (Entry e : all.values()) {
        out.write((line(e) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!fs.rename(tmp, new Path(dirPath, "part-" + id + ".jsonl"))) {
      throw new IOException("Cannot compact response cache " + dir + ": rename failed");
    }
    for (FileStatus f : files) {
      fs.delete(f.getPath(), false);
    }
    return all.size();
  }

  /** Appends one task's answers to its own segment, flushing after each so a killed task keeps them. */
  public static final class SegmentWriter implements AutoCloseable {
    private final Configuration conf;
    private final Path path;
    private final String dir;
    private final String latePrefix;
    private FSDataOutputStream out;
    private boolean failed;
    private boolean closed;

    public SegmentWriter(Configuration conf, String dir, String segmentPrefix, int attempt) {
      this.conf = conf;
      this.dir = dir;
      this.latePrefix = segmentPrefix + "a" + attempt + "-late-";
      this.path = new Path(dir, segmentPrefix + "a" + attempt + "-" + UUID.randomUUID().toString().substring(0, 8)
          + ".jsonl");
    }

    /**
     * Best effort: a cache that cannot be written costs money on the next run, never this run's rows. An answer
     * that arrives after the task ended (it failed with calls in flight) is still paid for, so it is kept in a
     * one-line file of its own.
     */
    public synchronized void append(Entry r) {
      if (failed) {
        return;
      }
      if (closed) {
        appendLate(r);
        return;
      }
      try {
        if (out == null) {
          out = fs(path, conf).create(path, false);
        }
        out.write((line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        out.hflush();
      } catch (IOException e) {
        failed = true;
      }
    }

    private void appendLate(Entry r) {
      Path late = new Path(dir, latePrefix + UUID.randomUUID().toString().substring(0, 8) + ".jsonl");
      try (OutputStream out = fs(late, conf).create(late, false)) {
        out.write((line(r) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        failed = true;
      }
    }

    public boolean failed() {
      return failed;
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (out != null) {
        try {
          out.close();
        } catch (IOException e) {
          failed = true;
        }
        out = null;
      }
    }
  }
}
