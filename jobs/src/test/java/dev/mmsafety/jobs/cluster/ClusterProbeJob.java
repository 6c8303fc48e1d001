package dev.mmsafety.jobs.cluster;

import dev.mmsafety.jobs.io.OutputRootGuard;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.ResponsesTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A small stand-in for the inference stage, submitted to the test cluster until the full pipeline is merged: one
 * model call per row to a loopback server, answers cached by request id in a shared folder (as the pipeline's
 * response cache does, so a retried task re-sends only the calls that were in flight), rows written through
 * {@link TableIO} into the responses table.
 *
 * <p>Arguments: {@code --out DIR --url BASE_URL --cache DIR --rows N --partitions P --run-date D --run-id R}.
 */
public final class ClusterProbeJob {
  static final String MODEL = "sim";

  private ClusterProbeJob() {}

  public static void main(String[] argv) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    SparkSession spark = SparkSession.builder().appName("mmsafety-cluster-probe").getOrCreate();
    try {
      String out = a.get("out");
      OutputRootGuard.claim(spark, out);
      Dataset<Long> ids =
          spark.range(0, Long.parseLong(a.get("rows")), 1, Integer.parseInt(a.get("partitions")));
      Dataset<Row> responses =
          ids.mapPartitions(
              new CallPerRow(a.get("url"), a.get("cache"), a.get("run-id"), a.get("run-date")),
              Encoders.row(ResponsesTable.INSTANCE.schema()));
      new TableIO(spark, out, a.get("run-date")).write(responses, ResponsesTable.INSTANCE);
    } finally {
      spark.stop();
    }
  }

  /** One call per row, sequential: exactly one request of a task is in flight at any time. */
  static final class CallPerRow implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    private final String url;
    private final String cacheDir;
    private final String runId;
    private final String runDate;

    CallPerRow(String url, String cacheDir, String runId, String runDate) {
      this.url = url;
      this.cacheDir = cacheDir;
      this.runId = runId;
      this.runDate = runDate;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> input) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Row next() {
          String probeId = "p" + input.next();
          String requestId = "q-" + MODEL + "-" + probeId;
          Path cached = Path.of(cacheDir, requestId);
          try {
            if (Files.exists(cached)) {
              return ResponseRows.ok(runId, runDate, MODEL, probeId, Files.readString(cached), 0);
            }
            String text = Client.call(url, requestId);
            Path tmp = Files.createTempFile(Path.of(cacheDir), requestId, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return ResponseRows.ok(runId, runDate, MODEL, probeId, text, 1);
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot call " + url + " for " + requestId, e);
          }
        }
      };
    }
  }

  /** One HTTP/1.1 client per executor JVM. */
  static final class Client {
    private static final HttpClient HTTP =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    static String call(String baseUrl, String requestId) throws IOException {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header(CallCountingServer.REQUEST_ID_HEADER, requestId)
              .header(CallCountingServer.CALLER_PID_HEADER, String.valueOf(ProcessHandle.current().pid()))
              .POST(HttpRequest.BodyPublishers.ofString(
                  "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + requestId + "\"}]}"))
              .build();
      try {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IOException("HTTP " + response.statusCode());
        }
        return response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
