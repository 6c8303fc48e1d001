package dev.mmsafety.jobs.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real multi-process Spark standalone cluster on loopback without a Spark distribution: one Master and N
 * Workers, each its own JVM started from the Maven test class path, and applications submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} in a further JVM (client mode, so the driver is that JVM). Executors
 * are JVMs the Workers start. {@link #close()} kills all of them.
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
  private static final String SPARK_INTERNAL = "spark-internal"; // SparkSubmit: main class is on the class path

  private final Path dir;
  private final int masterPort;
  private final int masterUiPort;
  private final ChildJvm master;
  private final List<ChildJvm> workers = new ArrayList<>();
  private final List<ChildJvm> drivers = new ArrayList<>();

  private StandaloneCluster(Path dir, int masterPort, int masterUiPort, ChildJvm master) {
    this.dir = dir;
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
    this.master = master;
  }

  /** Starts a master and {@code workers} workers (1 core, 1 GB each) and waits until all have registered. */
  public static StandaloneCluster start(Path dir, int workerCount, Duration timeout) throws Exception {
    int port = freePort();
    int uiPort = freePort();
    ChildJvm master =
        ChildJvm.start(
            "master", "256m", "org.apache.spark.deploy.master.Master",
            List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(uiPort)),
            dir.resolve("logs"));
    StandaloneCluster cluster = new StandaloneCluster(dir, port, uiPort, master);
    try {
      for (int i = 0; i < workerCount; i++) {
        cluster.workers.add(
            ChildJvm.start(
                "worker-" + i, "256m", "org.apache.spark.deploy.worker.Worker",
                List.of(
                    cluster.masterUrl(), "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", "0", "--work-dir", dir.resolve("work-" + i).toString()),
                dir.resolve("logs")));
      }
      cluster.awaitWorkers(workerCount, timeout);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  public List<ChildJvm> workers() {
    return List.copyOf(workers);
  }

  /** The worker whose JVM or executor has {@code pid}, if any. */
  public ChildJvm workerOwning(long pid) {
    return workers.stream().filter(w -> w.owns(pid)).findFirst().orElse(null);
  }

  /**
   * Submits {@code mainClass args} in client mode through SparkSubmit in a child JVM. Executors get the test class
   * path, 512 MB, loopback addresses; {@code conf} adds or overrides Spark settings.
   */
  public ChildJvm submit(String mainClass, List<String> args, Map<String, String> conf) throws IOException {
    List<String> submit = new ArrayList<>(List.of("--master", masterUrl(), "--deploy-mode", "client"));
    submit.addAll(List.of("--class", mainClass, "--name", "mmsafety-cluster-test"));
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("spark.driver.host", "127.0.0.1");
    all.put("spark.driver.bindAddress", "127.0.0.1");
    all.put("spark.ui.enabled", "false");
    all.put("spark.executor.memory", "512m");
    all.put("spark.executor.extraClassPath", ChildJvm.testClassPath());
    all.put("spark.speculation", "false");
    all.putAll(conf);
    all.forEach((k, v) -> submit.addAll(List.of("--conf", k + "=" + v)));
    submit.add(SPARK_INTERNAL);
    submit.addAll(args);
    ChildJvm driver =
        ChildJvm.start(
            "driver-" + drivers.size(), "512m", "org.apache.spark.deploy.SparkSubmit", submit, dir.resolve("logs"));
    drivers.add(driver);
    return driver;
  }

  /** Logs of every JVM of the cluster, for a failure message. */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder(master.logTail(lines));
    workers.forEach(w -> out.append("\n").append(w.logTail(lines)));
    drivers.forEach(d -> out.append("\n").append(d.logTail(lines)));
    return out.toString();
  }

  private void awaitWorkers(int count, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    URI json = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
    long deadline = System.nanoTime() + timeout.toNanos();
    int alive = 0;
    while (System.nanoTime() < deadline) {
      try {
        String body = http.send(HttpRequest.newBuilder(json).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = ALIVE_WORKERS.matcher(body);
        alive = m.find() ? Integer.parseInt(m.group(1)) : 0;
        if (alive >= count) {
          return;
        }
      } catch (IOException e) {
        // master UI not up yet
      }
      if (!master.isAlive()) {
        throw new IllegalStateException("Cannot start Spark master: it exited\n" + master.logTail(40));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    throw new IllegalStateException(
        "Cannot start Spark standalone cluster: " + alive + " of " + count + " workers registered in " + timeout
            + "\n" + logTails(30));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    drivers.forEach(ChildJvm::kill);
    workers.forEach(ChildJvm::kill);
    master.kill();
  }
}
