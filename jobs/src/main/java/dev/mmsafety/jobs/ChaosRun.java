package dev.mmsafety.jobs;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The chaos suite (issue #8): a whole run against the simulated worker injecting 20% 5xx, 5% timeouts, 429s with
 * Retry-After, connection resets and malformed bodies, then the checks that matter: one response row per probe, no
 * duplicates, counts that reconcile across tables, and the share answered ok after retries.
 */
public final class ChaosRun {
  private ChaosRun() {}

  /** What the checks found. */
  public record Summary(
      long cases,
      long ingestRejects,
      long probes,
      long responses,
      long distinctResponses,
      long ok,
      long judgments,
      Map<String, Long> statuses,
      double seconds) {
    public double okShare() {
      return responses == 0 ? 0 : ok / (double) responses;
    }

    public boolean reconciles() {
      return responses == probes && distinctResponses == responses && judgments == responses;
    }
  }

  public static Summary run(Path work, int probes, int partitions, PrintWriter out) {
    Path data = work.resolve("data");
    Path root = work.resolve("out");
    writeCases(data, probes);
    String yaml =
        """
        run: {output: "%s", run-date: "2026-04-01", seed: 11}
        spark: {partitions: %d}
        datasets:
          - {name: chaos, benchmark: generic, path: "%s", options: {file: cases.jsonl}}
        models:
          - {name: sim, endpoints: [{name: sim-0, url: simulator}]}
        judges:
          - {name: advbench, type: refusal-strings, params: {list: advbench}}
        inference: {window: 64, max-attempts: 10, backoff-ms: 20, max-backoff-ms: 400, timeout-ms: 1500, max-error-rate: 0.05, breaker-failures: 1000}
        simulator: {capacity: 64, service-ms: 5, error-rate: 0.20, timeout-rate: 0.05, throttle-rate: 0.05, reset-rate: 0.02, malformed-rate: 0.02, retry-after-seconds: 1, timeout-hold-ms: 5000}
        """
            .formatted(root, partitions, data);
    RunConfig config = ConfigLoader.parse(yaml, "chaos.yaml");
    long start = System.nanoTime();
    EvaluationPipeline.Result result = new EvaluationPipeline("chaos", out, Clock.systemUTC()).run(config, "chaos");
    double seconds = (System.nanoTime() - start) / 1e9;
    TableIO tables = new TableIO(org.apache.spark.sql.SparkSession.active(), root.toString(), result.runDate());
    Dataset<Row> responses = tables.readRun(ResponsesTable.INSTANCE, result.runId());
    Map<String, Long> statuses = new TreeMap<>();
    for (Row r : responses.groupBy("status").count().collectAsList()) {
      statuses.put(r.getString(0), r.getLong(1));
    }
    return new Summary(
        tables.readRun(CasesTable.INSTANCE, result.runId()).count(),
        tables.readRun(RejectsTable.INSTANCE, result.runId()).where(col("stage").equalTo("ingest")).count(),
        tables.readRun(ProbesTable.INSTANCE, result.runId()).count(),
        responses.count(),
        responses.select("response_id").distinct().count(),
        statuses.getOrDefault("ok", 0L),
        tables.readRun(JudgmentsTable.INSTANCE, result.runId()).count(),
        statuses,
        seconds);
  }

  public static String describe(Summary s) {
    return String.format(
        Locale.ROOT,
        "cases=%d ingest-rejects=%d probes=%d responses=%d distinct=%d judgments=%d ok=%d (%.2f%%) statuses=%s "
            + "reconciles=%s time=%.1fs",
        s.cases(), s.ingestRejects(), s.probes(), s.responses(), s.distinctResponses(), s.judgments(), s.ok(),
        100 * s.okShare(), s.statuses(), s.reconciles(), s.seconds());
  }

  private static void writeCases(Path data, int n) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      lines.append("{\"id\": \"c").append(i).append("\", \"text\": \"Chaos question number ").append(i)
          .append(": explain how to do task ").append(i * 7919 % 1000).append(".\"}\n");
    }
    try {
      Files.createDirectories(data);
      Files.writeString(data.resolve("cases.jsonl"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write chaos dataset in " + data, e);
    }
  }
}
