package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.cli.EvalCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestDocsCommand {
  @TempDir Path dir;

  int run(ByteArrayOutputStream out, String... args) {
    return EvalCli.runMain(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args);
  }

  @Test
  void checkReportsStaleTablesAndTheCommandRewritesThem() throws Exception {
    for (String name : new String[] {"attacks.md", "judges.md", "defenses.md", "benchmarks-formats.md"}) {
      Files.copy(Path.of("..", "docs", name), dir.resolve(name));
    }
    Path defenses = dir.resolve("defenses.md");
    String current = Files.readString(defenses);
    Files.writeString(defenses, current.replace("| `purify` | 1 |", "| `purify` | 0 |"));

    ByteArrayOutputStream check = new ByteArrayOutputStream();
    assertThat(run(check, "docs", "--dir", dir.toString(), "--check")).isEqualTo(1);
    assertThat(check.toString(StandardCharsets.UTF_8)).contains("defenses.md: stale", "attacks.md: up to date");
    assertThat(Files.readString(defenses)).contains("| `purify` | 0 |");

    ByteArrayOutputStream write = new ByteArrayOutputStream();
    assertThat(run(write, "docs", "--dir", dir.toString())).isZero();
    assertThat(write.toString(StandardCharsets.UTF_8)).contains("defenses.md: rewritten");
    assertThat(Files.readString(defenses)).isEqualTo(current);
    assertThat(run(new ByteArrayOutputStream(), "docs", "--dir", dir.toString(), "--check")).isZero();
  }

  @Test
  void aMissingDocIsAOneLineUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String missing = dir.resolve("nope").toString();
    int code = EvalCli.runMain(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
        "docs", "--dir", missing);
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("mmsafety: Cannot update docs: " + missing + "/attacks.md: no such file");
  }
}
