package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestJudgeCommand extends SparkTestBase {
  private static final String CONFIG = """
      run: {name: t, output: /tmp/unused, run-date: "2026-02-01"}
      spark: {partitions: 1}
      datasets: [{name: d, benchmark: figstep, path: /none}]
      judges:
        - {name: advbench, type: refusal-strings, params: {list: advbench}}
        - {name: vlguard, type: refusal-strings, params: {list: vlguard}}
      """;

  @TempDir static Path dir;

  private static Path config() throws Exception {
    Path file = dir.resolve("eval.yaml");
    Files.writeString(file, CONFIG);
    return file;
  }

  private static Result run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = new picocli.CommandLine(new JudgeCommand()).execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  record Result(int code, String out, String err) {}

  static Stream<Arguments> userErrors() {
    return Stream.of(
        Arguments.of(new String[] {"--config", "/no/such.yaml"}, "Cannot read config /no/such.yaml: no such file"),
        Arguments.of(new String[] {"--judges", "advbench,nope"},
            "Cannot judge responses: nope: no judge of that name in the config [advbench, vlguard]"),
        Arguments.of(new String[] {"--responses", "/no/responses"},
            "Cannot judge responses: /no/responses: no such file or folder"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("userErrors")
  void userErrorsAreOneLineAndExitTwo(String[] override, String message) throws Exception {
    java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
    args.put("--responses", dir.toString());
    args.put("--config", config().toString());
    args.put("--out", dir.resolve("out").toString());
    for (int i = 0; i < override.length; i += 2) {
      args.put(override[i], override[i + 1]);
    }
    Result r = run(args.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo(message);
  }

  @Test
  void judgesAnImportedResponsesTable() throws Exception {
    Path responses = dir.resolve("responses");
    dev.mmsafety.jobs.JudgeFixturesAccess.responses(spark(), new String[][] {
        {"a", "ok", "I'm sorry, I can't.", "harmful"}, {"b", "ok", "Step 1: do it.", "harmful"}})
        .write().parquet(responses.toString());
    Path out = dir.resolve("judged");
    Result r = run("--responses", responses.toString(), "--config", config().toString(), "--judges", "vlguard",
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("judgments: 2 (ok 2)");
    java.util.List<Row> rows = spark().read().parquet(out.resolve("judgments").toString()).collectAsList();
    assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row.<String>getAs("judge")).isEqualTo("vlguard"));
    assertThat(rows).extracting(row -> row.<String>getAs(JudgmentsTable.VERDICT.name()))
        .containsExactlyInAnyOrder("refusal", "compliance");
  }
}
