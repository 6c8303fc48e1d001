package dev.mmsafety.udf.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Headless Chromium (Debian's {@code chromium}) as the report's tests and {@code bench report} start it: no
 * network, no sync or component updates, a fresh profile ({@link ChromiumPage} drives one).
 */
public final class HeadlessChromium {
  public static final Path DEFAULT = Path.of("/usr/bin/chromium");
  /** Environment variable naming another Chromium binary. */
  public static final String ENV = "MMSAFETY_CHROMIUM";
  public static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
      "--host-resolver-rules=MAP * ~NOTFOUND");

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
}
