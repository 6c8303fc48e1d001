package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.udf.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class TestIngestCommands extends SparkTestBase {
  @TempDir static Path dir;

  @BeforeAll
  static void session() {
    spark();
  }

  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void ingestPrintsTheSummaryLine() {
    Run r = run(new IngestCommand(), "--benchmark", "figstep", "--path", Fixtures.root("figstep").toString(),
        "--out", dir.resolve("out").toString(), "--partitions", "2", "--option", "variants=figstep", "--run-date", "2026-02-01");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().trim())
        .isEqualTo("figstep (figstep): rows read 6, cases written 3, rejected 3 {image_missing=1, malformed_csv=1, wrong_type=1},"
            + " image-paired 3/4 (75.0%)");
    assertThat(dir.resolve("out/cases/run_date=2026-02-01")).isDirectory();
  }

  static Stream<Arguments> userErrors() throws Exception {
    Path empty = Files.createTempDirectory("empty");
    return Stream.of(
        Arguments.of(new String[] {"--benchmark", "nope", "--path", "/tmp", "--out", "/tmp/x"}, "Cannot ingest benchmark nope: unknown name"),
        Arguments.of(new String[] {"--benchmark", "figstep", "--path", empty.toString(), "--out", "/tmp/x"}, "folder is empty"),
        Arguments.of(new String[] {"--benchmark", "figstep", "--path", empty.resolve("none").toString(), "--out", "/tmp/x"}, "no such folder"),
        Arguments.of(new String[] {"--benchmark", "figstep", "--path", "/tmp", "--out", "/tmp/x", "--limit", "0"}, "must be positive"),
        Arguments.of(new String[] {"--benchmark", "figstep", "--path", Fixtures.root("figstep").toString(), "--out", "/tmp/x",
            "--option", "split=huge"}, "option split value huge is not one of"),
        // A field-mapping typo and a dataset with no rows exit non-zero in one line naming what the file holds.
        Arguments.of(new String[] {"--benchmark", "generic", "--path", BAD_INPUT.toString(), "--out", "/tmp/x",
            "--option", "file=cases.csv", "--option", "fields=id:id;text:prompt"},
            "Cannot ingest generic: fields.text names column 'prompt', which cases.csv lacks (columns found: id, text,"),
        Arguments.of(new String[] {"--benchmark", "generic", "--path", BAD_INPUT.resolve("empty").toString(), "--out",
            "/tmp/x"}, "Cannot ingest generic: 0 cases from 0 row(s) read; no columns found"));
  }

  private static final Path BAD_INPUT = Path.of("src/test/resources/bad-input").toAbsolutePath();

  @Test
  void aDatasetWhoseImagesAreAllMissingFailsWithNothingWritten() throws Exception {
    Path root = Files.createDirectories(dir.resolve("no-images"));
    Files.writeString(root.resolve("cases.jsonl"), "{\"id\": \"a\", \"text\": \"t\", \"image\": \"gone/a.png\"}\n"
        + "{\"id\": \"b\", \"text\": \"u\", \"image\": \"gone/b.png\"}\n");
    Path out = dir.resolve("no-images-out");
    Run r = run(new IngestCommand(), "--benchmark", "generic", "--path", root.toString(), "--out", out.toString(),
        "--option", "fields=id:id;text:text;image:image", "--partitions", "2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().trim())
        .startsWith("Cannot ingest generic: 0 cases from 2 row(s) read (rejected: image_missing 2; first: cases.jsonl"
            + " row 1 field image: ")
        .endsWith("; columns found in cases.jsonl: id, text, image")
        .doesNotContain("\n");
    assertThat(out.resolve("cases")).doesNotExist();
  }

  @ParameterizedTest
  @MethodSource("userErrors")
  void userErrorsAreOneLineWithExitCode2(String[] args, String message) {
    Run r = run(new IngestCommand(), args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("Cannot ").contains(message);
    assertThat(r.err().trim()).doesNotContain("\n");
  }

  @Test
  void importResponsesCommand() throws Exception {
    Path file = dir.resolve("a.jsonl");
    Files.writeString(file, "{\"id\": \"1\", \"text\": \"q\", \"model\": \"m\", \"response\": \"r\"}\n");
    Run r = run(new ImportResponsesCommand(), "--file", file.toString(), "--out", dir.resolve("imp").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("rows read 1, responses 1, cases 1, rejected 0");
    Run bad = run(new ImportResponsesCommand(), "--file", dir.resolve("a.txt").toString(), "--out", dir.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("Cannot import responses").contains("unknown format 'txt'");
  }

  @Test
  void benchIngestRunsSmallAndReportsFigures() {
    Run r = run(new BenchIngestCommand(), "--rows", "300", "--images", "7", "--image-size", "16", "--partitions", "2",
        "--work", dir.resolve("bench").toString());
    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(r.out()).contains("bench (generic): rows read 300, cases written 300, rejected 0").contains("rows/s").contains("peak heap used");
  }
}
