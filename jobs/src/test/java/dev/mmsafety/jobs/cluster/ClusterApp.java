package dev.mmsafety.jobs.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * The one place that says which application the process-fault tests submit and with which arguments. Until the
 * pipeline is merged it is {@link ClusterProbeJob}; after the merge: {@code dev.mmsafety.jobs.cli.EvalCli} with
 * {@code run --config <file>}, the config pointing its model endpoint at a simulated worker started in the test
 * JVM (so the test can read its call counters) and its output at {@code out}.
 */
final class ClusterApp {
  static final String MAIN_CLASS = ClusterProbeJob.class.getName();

  private ClusterApp() {}

  static List<String> args(
      Path out, Path cache, String modelUrl, int rows, int partitions, String runDate, String runId) {
    return List.of(
        "--out", out.toString(), "--url", modelUrl, "--cache", cache.toString(), "--rows", String.valueOf(rows),
        "--partitions", String.valueOf(partitions), "--run-date", runDate, "--run-id", runId);
  }
}
