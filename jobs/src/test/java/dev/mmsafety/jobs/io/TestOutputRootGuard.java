package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestOutputRootGuard {
  private static final Configuration CONF = new Configuration();

  @Test
  void claimsANewRootAndFindsItsMarkerLater(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("out");
    OutputRootGuard.claim(CONF, root.toString());
    assertThat(Files.readString(root.resolve(OutputRootGuard.MARKER))).startsWith(OutputRootGuard.MARKER_TEXT);
    Files.createDirectories(root.resolve("cases/run_date=2026-01-15"));
    OutputRootGuard.claim(CONF, root.toString()); // ours: no error
  }

  @Test
  void claimsAnEmptyExistingFolder(@TempDir Path dir) {
    OutputRootGuard.claim(CONF, "file://" + dir);
    assertThat(dir.resolve(OutputRootGuard.MARKER)).exists();
  }

  @Test
  void refusesAFolderWithSomeoneElsesData(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("payroll.csv"), "a,b\n");
    assertThatThrownBy(() -> OutputRootGuard.claim(CONF, dir.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot use output root " + dir
            + ": it is not empty and has no _mmsafety marker (not written by mmsafety)");
    assertThat(dir.resolve(OutputRootGuard.MARKER)).doesNotExist();
  }

  @Test
  void refusesAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("out"), "x");
    assertThatThrownBy(() -> OutputRootGuard.claim(CONF, file.toString()))
        .hasMessage("Cannot use output root " + file + ": it is a file, not a folder");
  }

  @Test
  void namesAnUnwritableLocationInOneLine(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    String root = file.resolve("out").toString(); // a folder below a file cannot be created
    assertThatThrownBy(() -> OutputRootGuard.claim(CONF, root))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot use output root " + root + ": ")
        .hasMessageNotContaining("\n");
  }
}
