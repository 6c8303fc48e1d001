package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.AttackFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class TestAttackCommands extends SparkTestBase {
  @TempDir static Path dir;

  record Run(int code, String out, String err) {}

  static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static String casesDir() throws Exception {
    Path cases = dir.resolve("cases");
    if (!Files.exists(cases)) {
      AttackFixtures.cases(spark(), dir).write().parquet(cases.toString());
    }
    return cases.toString();
  }

  @Test
  void previewWritesPromptAndImageFilesByCaseId() throws Exception {
    Path out = dir.resolve("preview");
    Run r = run(new AttackPreviewCommand(), "--cases", casesDir(), "--attack", "figstep", "--variant", "figstep",
        "--variant", "question", "--variant", "SD", "--out", out.toString(), "--limit", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 5 probe(s) and 0 reject(s) of attack figstep");
    assertThat(Files.readString(out.resolve("figstep_safebench_1.figstep.txt"))).contains("1, 2 and 3");
    assertThat(out.resolve("figstep_safebench_1.figstep.1.png")).isNotEmptyFile();
    assertThat(Files.readString(out.resolve("figstep_safebench_3.figstep.txt"))).contains("note: no source_text");

    Path blur = dir.resolve("blur");
    Run b = run(new AttackPreviewCommand(), "--cases", casesDir(), "--attack", "perturb", "--param", "kind=blur",
        "--param", "radius=2", "--out", blur.toString());
    assertThat(b.code()).as(b.err()).isZero();
    // perturb takes image variants only: the text-only case is not in its scope (no image_missing reject)
    assertThat(b.out()).contains("Wrote 2 probe(s) and 2 reject(s)");
    assertThat(blur.resolve("figstep_safebench_3.perturb.reject.txt")).doesNotExist();
    Path byDefault = dir.resolve("default-scope");
    Run d = run(new AttackPreviewCommand(), "--cases", casesDir(), "--attack", "figstep", "--out", byDefault.toString());
    assertThat(d.code()).as(d.err()).isZero();
    // FigStep takes text variants by default: only the text-only case, never an image that already shows text
    assertThat(d.out()).contains("Wrote 1 probe(s) and 0 reject(s)");
    assertThat(byDefault.resolve("figstep_safebench_3.figstep.txt")).exists();
    assertThat(Files.readString(blur.resolve("figstep_safebench_2.perturb.reject.txt"))).startsWith("image_corrupt: Cannot decode image");
  }

  @Test
  void previewOfAnAdaptiveAttackRunsOneCaseSearchAgainstTheSimulator() throws Exception {
    Path out = dir.resolve("pair");
    Run r = run(new AttackPreviewCommand(), "--cases", casesDir(), "--attack", "pair", "--param", "streams=1",
        "--param", "rounds=2", "--param", "carrier=mm-typo", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Ran the pair search of case ").contains(": 2 node(s), stop rounds exhausted,"
        + " 2 carrier image(s), each matching its carrier_sha256; wrote 3 file(s) to " + out);
    try (var files = Files.list(out)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(2);
    }
  }

  @Test
  void previewIngestsABenchmarkFolderFirst() throws Exception {
    Path samples = dev.mmsafety.jobs.Samples.extractTo(dir.resolve("samples")).getParent();
    Path out = dir.resolve("from-benchmark");
    Run r = run(new AttackPreviewCommand(), "--benchmark", "figstep", "--path", samples.resolve("figstep").toString(),
        "--attack", "figstep", "--variant", "figstep", "--variant", "question", "--out", out.toString(), "--limit", "3");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 3 probe(s) and 0 reject(s)");
    try (var files = Files.list(out)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).isEqualTo(3);
    }
  }

  static Stream<Arguments> userErrors() {
    return Stream.of(
        Arguments.of(new String[] {"--attack", "figstep", "--out", "x", "--benchmark", "figstep"},
            "Cannot preview attack figstep: give --benchmark NAME --path ROOT, or --cases PARQUET_DIR"),
        Arguments.of(new String[] {"--cases", "CASES", "--attack", "nope", "--out", "x"},
            "Cannot create attack nope: unknown name 'nope'"),
        Arguments.of(new String[] {"--cases", "CASES", "--attack", "figstep", "--param", "overflow=wrap", "--out", "x"},
            "Cannot create attack figstep: parameter 'overflow' 'wrap' is not one of clip, shrink, reject"),
        Arguments.of(new String[] {"--cases", "/no/such/dir", "--attack", "figstep", "--out", "x"},
            "Cannot read cases /no/such/dir"),
        Arguments.of(new String[] {"--cases", "CASES", "--attack", "figstep", "--out", "x", "--limit", "0"},
            "Cannot preview attack figstep: --limit 0 is not positive"),
        Arguments.of(new String[] {"--cases", "CASES", "--out", "x"}, "Missing required option: '--attack=<attack>'"));
  }

  @ParameterizedTest
  @MethodSource("userErrors")
  void previewUserErrorsExitTwoWithOneLine(String[] args, String message) throws Exception {
    String cases = casesDir();
    for (int i = 0; i < args.length; i++) {
      args[i] = args[i].equals("x") ? dir.resolve("x").toString() : args[i].replace("CASES", cases);
    }
    Run r = run(new AttackPreviewCommand(), args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith(message);
  }

  @Test
  void benchRenderPrintsRatesForBoth() {
    Run r = run(new BenchRenderCommand(), "--count", "5");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("figstep render + PNG encode, 5 images").contains("typo render + PNG encode, 5 images");
    assertThat(r.out()).contains("ours   (Java2D):").contains("images/s/core");
    assertThat(r.out()).containsAnyOf("ratio ours/pillow:", "pillow: unavailable");
    assertThat(run(new BenchRenderCommand(), "--count", "0").err())
        .isEqualTo("Cannot benchmark rendering: --count 0 is not positive\n");
  }
}
