package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.testing.AttackFixtures;
import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ImageLineageTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestApplyAttacksJob extends SparkTestBase {
  static final String CONFIG =
      """
      run: {name: t, output: "${out}", seed: 7}
      spark: {partitions: 2}
      datasets: [{name: fs, benchmark: figstep, path: /unused}]
      attacks:
        - {name: none}
        - {name: figstep, benchmarks: [figstep], variants: [figstep, question]}
        - {name: query-relevant, benchmarks: [mm-safetybench]}
        - {name: perturb, label: blur1, params: {kind: blur, radius: 1}}
      """;

  @Test
  void writesProbesLineageAndRejectsThatReconcile(@TempDir Path dir) throws Exception {
    Dataset<Row> cases = cases(dir);
    Path out = dir.resolve("out");
    ApplyAttacksJob.Result result =
        EvalJobs.get(context(CONFIG, out, "run-1")).applyAttacks().input(cases).execute();

    // 5 none + 3 figstep (variants named) + 2 query-relevant + 4 blur (image variants only: not the text case)
    // = 14 pairs; rejects: blur on the corrupt and missing images, none and query-relevant on the missing image
    // (none hashes bytes when a case has no sha)
    assertThat(result.counts()).containsEntry("expected", 14L).containsEntry("probes", 10L).containsEntry("rejects", 4L);
    var io = context(CONFIG, out, "run-1").tables();
    List<Row> probes = io.readRun(ProbesTable.INSTANCE, "run-1").collectAsList();
    assertThat(probes).hasSize(10);
    List<Row> rejects =
        io.read(RejectsTable.INSTANCE).where(functions.col("stage").equalTo("attack")).collectAsList();
    assertThat(rejects.stream().map(r -> RejectsTable.REASON_CODE.getString(r)).sorted().toList())
        .containsExactly("image_corrupt", "image_missing", "image_missing", "image_missing");
    assertThat(rejects).allSatisfy(r -> assertThat(RejectsTable.REASON.getString(r)).containsPattern("^attack (blur1|none|query-relevant): Cannot"));
    assertThat(rejects).allSatisfy(r -> assertThat(RejectsTable.FIELD.getString(r)).isEqualTo("image_uri"));

    Row figstep = only(probes, "figstep", "figstep:safebench:1");
    List<String> uris = ProbesTable.IMAGE_URIS.getList(figstep);
    List<String> shas = ProbesTable.IMAGE_SHA256S.getList(figstep);
    assertThat(uris).hasSize(1);
    assertThat(uris.get(0)).contains("/images/sha256/" + shas.get(0).substring(0, 2) + "/" + shas.get(0) + ".png");
    byte[] png = Files.readAllBytes(Path.of(java.net.URI.create(uris.get(0)).getPath()));
    assertThat(Hashing.sha256Hex(png)).isEqualTo(shas.get(0));
    assertThat(ProbesTable.ATTACK_PARAMS.getString(figstep)).startsWith("{\"overflow\":\"clip\"");
    assertThat(ProbesTable.DATASET_HASH.getString(figstep)).isEqualTo("dh");

    Row textOnly = only(probes, "figstep", "figstep:safebench:3");
    assertThat(ProbesTable.ATTACK_NOTE.getString(textOnly)).contains("no source_text");

    Row plain = only(probes, "none", "mm-safetybench:SD:7");
    assertThat(ProbesTable.PROMPT_TEXT.getString(plain)).isEqualTo("Describe the picture.");
    assertThat(ProbesTable.IMAGE_URIS.<String>getList(plain)).containsExactly(dir.resolve("ok.png").toString());

    Row blurred = only(probes, "blur1", "mm-safetybench:SD:7");
    List<Row> lineage = io.readRun(ImageLineageTable.INSTANCE, "run-1").collectAsList();
    Row blurLineage =
        lineage.stream()
            .filter(r -> SharedColumns.PROBE_ID.getString(r).equals(SharedColumns.PROBE_ID.getString(blurred)))
            .findFirst()
            .orElseThrow();
    assertThat(ImageLineageTable.SOURCE_SHA256.getString(blurLineage))
        .isEqualTo(Hashing.sha256Hex(Files.readAllBytes(dir.resolve("ok.png"))));
    assertThat(lineage).hasSize((int) (long) result.counts().get("lineage"));
    assertThat(result.counts().get("lineage")).isEqualTo(6L); // 3 figstep + 1 query-relevant + 2 blur
    assertThat(result.counts().get("images")).isEqualTo(5L); // both blurs of ok.png are the same bytes: stored once

    // Same config and inputs under another run id and output root: same probe ids, byte-identical images.
    Map<String, String> again = imagesById(dir.resolve("out2"), "run-2", cases);
    assertThat(again).isEqualTo(imagesById(probes)).hasSize(10);
  }

  @Test
  void unknownAttackIsAConfigErrorBeforeAnyWork(@TempDir Path dir) throws Exception {
    String yaml = CONFIG.replace("{name: none}", "{name: nonesuch}");
    assertThatThrownBy(() -> EvalJobs.get(context(yaml, dir, "r")).applyAttacks().input(cases(dir)).execute())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Cannot create attack nonesuch: unknown name 'nonesuch'");
    String badVariant = CONFIG.replace("variants: [figstep, question]", "variants: [figstep, SD_TYPO]");
    assertThatThrownBy(() -> EvalJobs.get(context(badVariant, dir, "r")).applyAttacks().input(cases(dir)).execute())
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot apply attack figstep: variant 'SD_TYPO' is not a variant of figstep"
            + " (figstep has figstep, question, steps-text)");
  }

  private Map<String, String> imagesById(Path out, String runId, Dataset<Row> cases) {
    EvalJobs.get(context(CONFIG, out, runId)).applyAttacks().input(cases).execute();
    return imagesById(context(CONFIG, out, runId).tables().readRun(ProbesTable.INSTANCE, runId).collectAsList());
  }

  private static Map<String, String> imagesById(List<Row> probes) {
    return probes.stream()
        .collect(
            Collectors.toMap(
                r -> SharedColumns.PROBE_ID.getString(r),
                r -> String.join(",", ProbesTable.IMAGE_SHA256S.<String>getList(r)),
                (a, b) -> a,
                TreeMap::new));
  }

  private static Row only(List<Row> probes, String attack, String caseId) {
    List<Row> hits = new ArrayList<>();
    for (Row r : probes) {
      if (SharedColumns.ATTACK.getString(r).equals(attack) && SharedColumns.CASE_ID.getString(r).equals(caseId)) {
        hits.add(r);
      }
    }
    assertThat(hits).as(attack + " " + caseId).hasSize(1);
    return hits.get(0);
  }

  static Dataset<Row> cases(Path dir) throws Exception {
    return AttackFixtures.cases(spark(), dir);
  }
}
