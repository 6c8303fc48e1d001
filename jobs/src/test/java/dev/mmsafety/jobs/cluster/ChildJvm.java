package dev.mmsafety.jobs.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the Maven test class path (Spark's master, worker or SparkSubmit), its output in a log file.
 * Every child is registered with a JVM shutdown hook, so an aborted test run does not leave JVMs behind; {@link
 * #kill()} stops the child and everything it started (executors), by pid, forcibly.
 */
public final class ChildJvm implements AutoCloseable {
  private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildJvm::kill), "kill-child-jvms"));
  }

  private final String name;
  private final Process process;
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java <Spark module flags> -Xmx<heap> -cp <test class path> mainClass args}; the child also gets
   * the environment a Spark build without a distribution needs (SPARK_TESTING, SPARK_SCALA_VERSION) and binds to
   * loopback (SPARK_LOCAL_IP).
   */
  public static ChildJvm start(String name, String heap, String mainClass, List<String> args, Path logDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmFlags());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(testClassPath());
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_TESTING", "1");
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    ChildJvm child = new ChildJvm(name, builder.start(), log);
    LIVE.add(child);
    return child;
  }

  /** The full test class path (surefire runs tests through a manifest-only jar, so java.class.path is not it). */
  public static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The module flags this test JVM got from surefire's argLine (the pom's spark.jvm.flags). */
  static List<String> sparkJvmFlags() {
    List<String> flags = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-modules") || arg.startsWith("--add-exports")
          || arg.equals("-XX:+IgnoreUnrecognizedVMOptions") || arg.startsWith("-Djdk.reflect.")
          || arg.startsWith("-Dio.netty.")) {
        flags.add(arg);
      }
    }
    return flags;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** True when {@code pid} is this JVM or was started by it (e.g. an executor of a worker). */
  public boolean owns(long pid) {
    return pid == process.pid() || process.descendants().anyMatch(p -> p.pid() == pid);
  }

  /** Waits for the child to exit; returns its exit code, or -1 (after killing it) when it did not in time. */
  public int await(Duration timeout) throws InterruptedException {
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    kill();
    return -1;
  }

  /** Stops this JVM and all its descendants forcibly, as a lost node would; waits until they are gone. */
  public void kill() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already gone or not stoppable in time; nothing more a test can do
      }
    }
    LIVE.remove(this);
  }

  /** The last {@code lines} lines of the child's output, for failure messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return name + " log (last " + lines + " lines):\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return name + " log unreadable: " + e.getMessage();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
