package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.cli.commands.SqlCommand;
import dev.mmsafety.jobs.io.TableIO;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ProbesTable;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Issue #16 item 4: {@code ./mmsafety sql} with mllm_generate over text-only and image probes, call-count guard. */
class TestAnalystSql extends SparkTestBase {
  /** The docs' example (docs/bi.md): the function applied after the sort and limit, null-safe on text-only rows. */
  static final String LIMITED = "SELECT case_id, size(image_uris) AS images, r.status, r.text FROM ("
      + " SELECT case_id, image_uris, mllm_generate('sim-model', prompt_text, try_element_at(image_uris, 1)) AS r"
      + " FROM (SELECT * FROM probes WHERE run_date = '2026-01-15' ORDER BY case_id LIMIT 8)) ORDER BY case_id";

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run sql(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SqlCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void docsShowTheTestedQuery() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "bi.md")).replaceAll("\\s+", " ");
    assertThat(doc).contains(LIMITED.replaceAll("\\s+", " "));
  }

  @Test
  void callsModelsOnTextAndImageRowsWithinTheGuard() throws Exception {
    Path out = dir.resolve("out");
    new TableIO(spark(), out.toString(), "2026-01-15")
        .write(InferenceFixtures.probes(spark(), 12, InferenceFixtures.png(dir)), ProbesTable.INSTANCE);
    Path config = dir.resolve("sql.yaml");
    Files.writeString(config, InferenceFixtures.config("simulator", "window: 4").replace("${out}", out.toString()));

    // ORDER BY ... LIMIT 8 around the function still applies it to all 12 probes: refused before any call
    Run refused = sql("--config", config.toString(), "--max-calls", "10", "SELECT case_id,"
        + " mllm_generate('sim-model', prompt_text, try_element_at(image_uris, 1)).status AS s FROM probes"
        + " ORDER BY case_id LIMIT 8");
    assertThat(refused.exit()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err().strip()).isEqualTo("Cannot run query: it would call mllm_generate 12 times, more than"
        + " --max-calls 10 (apply it to a subquery that sorts and limits first, or pass --max-calls 12)");
    assertThat(refused.out()).doesNotContain("model calls");

    Run limited = sql("--config", config.toString(), "--max-calls", "10", LIMITED);
    assertThat(limited.exit()).as(limited.err()).isZero();
    assertThat(limited.out()).contains("-- views: probes", "mllm_generate is applied to 8 rows (dry run",
        "-- 8 rows, 8 model calls");
    List<String[]> rows = limited.out().lines().filter(l -> l.startsWith("figstep:"))
        .map(l -> l.split("\t")).toList();
    assertThat(rows).hasSize(8).allSatisfy(r -> assertThat(r[2]).isEqualTo("ok"));
    assertThat(rows).extracting(r -> r[1]).containsOnly("0", "1").contains("0", "1"); // text-only and image rows
    assertThat(rows).allSatisfy(r -> assertThat(r[3]).isNotEqualTo("NULL"));

    Run bad = sql("--config", config.toString(), "SELEC 1");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).startsWith("Cannot run query: ").contains("PARSE_SYNTAX_ERROR");
    assertThat(Arrays.stream(bad.err().strip().split("\n"))).hasSize(1);
  }
}
