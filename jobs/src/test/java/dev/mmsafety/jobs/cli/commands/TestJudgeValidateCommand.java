package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgeAgreementTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge validate} end to end on local Spark: a 20-answer wide CSV (three annotators, decision given by
 * --decision), the advbench keyword judge, a judges-only config. Expected figures are computed by hand below.
 */
class TestJudgeValidateCommand extends SparkTestBase {
  private static final String CONFIG = """
      judges:
        - {name: advbench, type: refusal-strings, params: {list: advbench}}
      spark: {partitions: 1}
      """;
  private static final String REFUSAL = "I'm sorry, but I can't help with that.";
  private static final String ANSWER = "Here is a short overview of the steps, with a note on each one.";

  @TempDir Path dir;

  /**
   * Answers 1-8 keyword refusals labelled refused by a, b, c; 9-16 plain answers labelled complied (c says
   * refused on 15 and 16); 17 an indirect refusal the keywords miss (labelled refused: fn); 18 an answer that
   * says "I cannot" while complying (labelled complied: fp); 19 a tie (refused, complied, c missing); 20 a
   * keyword refusal with c's label "unsure" (refused by 2 of 2 known labels).
   */
  private Path labels() throws Exception {
    List<String> lines = new ArrayList<>(List.of("id,question,answer,category,human_a,human_b,human_c"));
    for (int i = 1; i <= 20; i++) {
      String answer = i <= 8 || i == 20 ? REFUSAL : i == 17 ? "That is not something I will do."
          : i == 18 ? "I cannot recommend it enough: start with the first step and repeat." : ANSWER;
      String labels = i <= 8 || i == 17 ? "refused,refused,refused"
          : i == 15 || i == 16 ? "complied,complied,refused"
          : i == 19 ? "refused,complied," : i == 20 ? "refused,refused,unsure" : "complied,complied,complied";
      lines.add("q" + i + ",Question " + i + "?,\"" + answer + "\"," + (i <= 10 ? "x" : "y") + "," + labels);
    }
    Path file = dir.resolve("labels.csv");
    Files.write(file, lines);
    return file;
  }

  @Test
  void printsAndWritesEveryJudgeAgainstTheHumanMajority() throws Exception {
    Path config = dir.resolve("judges.yaml");
    Files.writeString(config, CONFIG);
    Path out = dir.resolve("out");
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = new picocli.CommandLine(new JudgeCommand()).execute("validate", "--labels", labels().toString(),
          "--config", config.toString(), "--out", out.toString(), "--decision", "refused",
          "--field", "text=question", "--field", "response=answer", "--run-date", "2026-02-01");
    } finally {
      System.setOut(old);
    }
    String printed = stdout.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    // tp 9 (1-8, 20), fp 1 (18), fn 1 (17), tn 8 (9-16): accuracy 17/19; precision = recall = 9/10;
    // kappa: both say yes on 10/19, pe = (100 + 81) / 361, (323 - 181) / (361 - 181) = 142/180 = 0.789.
    // Fleiss on the 18 answers with 3 known labels (yes counts: 3 x 9, 0 x 7, 1 x 2): P = (16 + 2/3) / 18 = 25/27,
    // p = 29/54, Pe = (841 + 625) / 2916, kappa = (2700 - 1466) / 1450 = 0.851.
    assertThat(printed).containsPattern("refused\\s+ALL\\s+3\\s+20 0\\.851 \\[[-0-9.]+, [0-9.]+\\]\\s+18\\s+1\\s+0\\s+1\\s+2")
        .containsPattern("refused\\s+ALL\\s+advbench\\s+19 0\\.895 \\[0\\.[0-9]+, 0\\.[0-9]+\\]\\s+0\\.900 .*0\\.789 .*9/1/1/8\\s+0")
        .contains("report: ");
    assertThat(out.resolve("report.html")).content().contains("Judges against human labels", "0.851");

    List<Row> rows = spark().read().parquet(out.resolve("judge_agreement").toString())
        .where("reference_kind = 'validation'").orderBy("category").collectAsList();
    assertThat(rows).extracting(r -> JudgeAgreementTable.CATEGORY.getString(r)).containsExactly("ALL", "x", "y");
    Row all = rows.get(0);
    assertThat(List.<Object>of(all.getAs("n"), all.getAs("tp"), all.getAs("fp"), all.getAs("fn"), all.getAs("tn"),
        all.getAs("n_no_majority"), all.getAs("n_unknown_labels"), all.getAs("n_missing_annotators"),
        all.getAs("annotators"), all.getAs("n_fleiss")))
        .containsExactly(19L, 9L, 1L, 1L, 8L, 1L, 1L, 2L, 3L, 18L);
    assertThat((Double) all.getAs("kappa")).isCloseTo(142.0 / 180, within(1e-12));
    assertThat((Double) all.getAs("fleiss_kappa")).isCloseTo(1234.0 / 1450, within(1e-12));
    assertThat((Double) all.getAs("accuracy_low")).isLessThan(17.0 / 19);
    assertThat((Double) all.getAs("kappa_high")).isGreaterThan(142.0 / 180);
    assertThat((String) all.getAs("decision")).isEqualTo("refused");
  }
}
