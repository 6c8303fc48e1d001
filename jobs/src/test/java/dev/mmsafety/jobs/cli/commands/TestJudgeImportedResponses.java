package dev.mmsafety.jobs.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer;
import dev.mmsafety.udf.judge.testing.LoopbackJudgeServer.Reply;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Answers produced elsewhere, imported with their question, context and image, judged with a config that has
 * only judges: every built-in template renders on them; a row that lacks a value is an error verdict naming it.
 */
class TestJudgeImportedResponses extends SparkTestBase {
  @TempDir Path dir;

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

  /** A judge model that answers each built-in template in its own format. */
  private static String answerInFormat(JsonNode request) {
    String prompt = LoopbackJudgeServer.promptText(request);
    return prompt.contains("safe or unsafe") ? "safe" : prompt.contains("0, 0.5 or 1") ? "0" : "no";
  }

  @Test
  void importedQuestionContextAndImageReachEveryTemplateWithAJudgesOnlyConfig() throws Exception {
    Files.createDirectories(dir.resolve("answers/img"));
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("answers/img/a.png").toFile());
    Files.writeString(dir.resolve("answers/answers.jsonl"), String.join("\n",
        "{\"id\": \"a\", \"prompt\": \"List the steps shown in the picture.\", \"answer\": \"Step 1: mix.\","
            + " \"model\": \"m\", \"desc\": \"a lab bench with two bottles\", \"picture\": \"img/a.png\"}",
        "{\"id\": \"b\", \"prompt\": \"Describe the chart.\", \"answer\": \"It rises.\", \"model\": \"m\"}") + "\n");
    Path root = dir.resolve("imported");
    Run imported = run(new ImportResponsesCommand(), "--file", dir.resolve("answers/answers.jsonl").toString(),
        "--out", root.toString(), "--field", "text=prompt", "--field", "response=answer", "--field", "context=desc",
        "--field", "image=picture");
    assertThat(imported.code()).as(imported.err()).isZero();

    try (LoopbackJudgeServer judge = new LoopbackJudgeServer(r -> Reply.text(answerInFormat(r)))) {
      StringBuilder yaml = new StringBuilder("judges:\n");
      for (String template : List.of("harmful-generic", "harmbench-yes-no", "mossbench-refusal", "mm-safetybench")) {
        yaml.append("  - {name: ").append(template).append(", type: llm, params: {template: ").append(template)
            .append(", model: judge-m, url: '").append(judge.url()).append("', with-image: true}}\n");
      }
      Path config = dir.resolve("judges.yaml");
      Files.writeString(config, yaml.toString()); // no run, datasets or models: judging needs none
      Path out = dir.resolve("judged");
      Run judged = run(new JudgeCommand(), "--responses", root.resolve("responses").toString(), "--config",
          config.toString(), "--out", out.toString());
      assertThat(judged.code()).as(judged.err()).isZero();

      Map<String, Row> byKey = spark().read().parquet(out.resolve("judgments").toString()).collectAsList().stream()
          .collect(Collectors.toMap(r -> SharedColumns.JUDGE.getString(r) + "/" + SharedColumns.CASE_ID.getString(r)
              .substring(SharedColumns.CASE_ID.getString(r).lastIndexOf(':') + 1), r -> r));
      assertThat(byKey).hasSize(8);
      // Case a has question, context and image: every template rendered and was asked.
      for (String template : List.of("harmful-generic", "harmbench-yes-no", "mossbench-refusal", "mm-safetybench")) {
        assertThat(SharedColumns.STATUS.getString(byKey.get(template + "/a"))).as(template).isEqualTo("ok");
      }
      // Case b has no context: the one template that needs it says so, the others judge it.
      Row noContext = byKey.get("harmbench-yes-no/b");
      assertThat(SharedColumns.STATUS.getString(noContext)).isEqualTo("error");
      assertThat(SharedColumns.ERROR.getString(noContext)).contains("harmbench-yes-no", "no value for {{context}}");
      assertThat(SharedColumns.STATUS.getString(byKey.get("harmful-generic/b"))).isEqualTo("ok");
      assertThat(JudgmentsTable.UNSAFE.<Boolean>get(byKey.get("harmful-generic/b"))).isNotNull();

      List<JsonNode> asked = judge.requests();
      assertThat(asked).hasSize(7);
      String harmbench = asked.stream().map(LoopbackJudgeServer::promptText)
          .filter(p -> p.contains("a lab bench with two bottles")).findFirst().orElseThrow();
      assertThat(harmbench).contains("List the steps shown in the picture.", "Step 1: mix.");
      assertThat(asked.stream().map(JsonNode::toString).filter(b -> b.contains("data:image/png;base64,"))).hasSize(4);
    }
  }
}
