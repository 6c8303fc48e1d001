package dev.mmsafety.udf.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) as the report's tests and {@code bench report} start it: no
 * network, no sync or component updates, a fresh profile. {@link #load} opens a page and reads the time the
 * page's own script took to render (the {@code data-ready-ms} marker it sets on the root element).
 */
public final class HeadlessChromium {
  public static final Path DEFAULT = Path.of("/usr/bin/chromium");
  /** Environment variable naming another Chromium binary. */
  public static final String ENV = "MMSAFETY_CHROMIUM";
  public static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
      "--host-resolver-rules=MAP * ~NOTFOUND");
  private static final Pattern READY = Pattern.compile("data-ready-ms=\"(\\d+)\"");

  private HeadlessChromium() {}

  /** The Chromium binary: $MMSAFETY_CHROMIUM, else /usr/bin/chromium, if executable. */
  public static Optional<Path> find() {
    String env = System.getenv(ENV);
    Path exe = env == null || env.isBlank() ? DEFAULT : Path.of(env);
    return Files.isExecutable(exe) ? Optional.of(exe) : Optional.empty();
  }

  /** The command line: the binary, {@link #FLAGS}, a fresh profile under {@code profile}, then {@code args}. */
  public static List<String> command(Path exe, Path profile, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(exe.toString());
    cmd.addAll(FLAGS);
    cmd.add("--user-data-dir=" + profile);
    cmd.addAll(args);
    return cmd;
  }

  /**
   * How long a page took to load in Chromium.
   *
   * @param readyMs when the page's script had rendered, from navigation start (performance.now())
   * @param wallMs the whole Chromium process, start to exit
   */
  public record Load(long readyMs, long wallMs) {}

  /** Opens {@code html} with {@code --dump-dom} and reads the ready marker from the dumped root element. */
  public static Load load(Path exe, Path html, Path workDir, Duration timeout) throws IOException, InterruptedException {
    Path dom = workDir.resolve("dom.html");
    Path log = workDir.resolve("chromium.log");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command(exe, Files.createTempDirectory(workDir, "profile"),
            List.of("--dump-dom", html.toUri().toString())))
        .redirectOutput(dom.toFile())
        .redirectError(log.toFile())
        .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException("Cannot load " + html + " in Chromium: no exit within " + timeout.toSeconds() + " s");
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    String head;
    try (InputStream in = Files.newInputStream(dom)) {
      head = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
    }
    Matcher m = READY.matcher(head);
    if (!m.find()) {
      throw new IOException("Cannot load " + html + " in Chromium: the page set no data-ready-ms marker (exit "
          + p.exitValue() + ", log " + log + ")");
    }
    return new Load(Long.parseLong(m.group(1)), wall);
  }
}
