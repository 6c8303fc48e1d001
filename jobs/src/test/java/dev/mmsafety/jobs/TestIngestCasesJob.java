package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestIngestCasesJob extends SparkTestBase {
  @TempDir static Path dir;
  static IngestCasesJob.Result result;
  static RunContext context;

  static String yaml(Path hades) {
    String f = "  - {name: %s, benchmark: %s, path: '%s'%s}\n";
    return "run: {output: '${out}'}\nspark: {partitions: 3}\ndatasets:\n"
        + String.format(f, "mmsb", "mm-safetybench", Fixtures.root("mm-safetybench"), "")
        + String.format(f, "fs", "figstep", Fixtures.root("figstep"), "")
        + String.format(f, "jbv", "jailbreakv-28k", Fixtures.root("jailbreakv-28k"), ", options: {missing-image: keep-text}")
        + String.format(f, "hades", "hades", hades, "")
        + String.format(f, "vlg", "vlguard", Fixtures.root("vlguard"), "")
        + String.format(f, "moss", "mossbench", Fixtures.root("mossbench"), "")
        + String.format(f, "siuo", "siuo", Fixtures.root("siuo"), "")
        + String.format(f, "hb", "harmbench-mm", Fixtures.root("harmbench-mm"), "")
        + String.format(f, "xs", "xstest", Fixtures.root("xstest"), "")
        + String.format(f, "gen", "generic", Fixtures.root("generic"),
            ", options: {fields: {id: qid, text: prompt, image: img, category: cat, polarity: pol}}");
  }

  @BeforeAll
  static void ingestEveryFormatOnce() throws Exception {
    Path hades = Fixtures.writeHades(dir.resolve("hades"));
    context = context(yaml(hades), dir.resolve("out"), "run-1");
    result = EvalJobs.get(context).ingestCases().execute();
  }

  @Test
  void countsReconcilePerDataset() {
    Map<String, Long> c = result.counts();
    // dataset -> {rows read, cases, rejects, cases with image}
    Map<String, List<Long>> expected = new TreeMap<>(Map.of(
        "mmsb", List.of(22L, 16L, 6L, 11L), "fs", List.of(10L, 7L, 3L, 3L), "jbv", List.of(6L, 4L, 2L, 2L),
        "hades", List.of(4L, 2L, 2L, 2L), "vlg", List.of(4L, 3L, 1L, 3L), "moss", List.of(4L, 2L, 2L, 2L),
        "siuo", List.of(4L, 3L, 1L, 3L), "hb", List.of(3L, 2L, 1L, 2L), "xs", List.of(5L, 4L, 1L, 0L),
        "gen", List.of(8L, 3L, 5L, 2L)));
    Map<String, List<Long>> actual = new TreeMap<>();
    for (String d : expected.keySet()) {
      actual.put(d, List.of(c.get("rows_read:" + d), c.get("cases:" + d), c.get("rejects:" + d), c.get("cases_with_image:" + d)));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(c.get("rows_read")).isEqualTo(c.get("cases") + c.get("rejects")).isEqualTo(70L);
    assertThat(result.summaryLines()).hasSize(10);
    assertThat(result.summaryLines().get(0))
        .isEqualTo("mmsb (mm-safetybench): rows read 22, cases written 16, rejected 6 {image_corrupt=1, image_missing=3,"
            + " missing_field=1, unknown_field=1}, image-paired 11/15 (73.3%)");
  }

  @Test
  void tablesHoldTheRowsWithImageFactsAndRejectReasons() {
    List<Row> cases = context.tables().readRun(CasesTable.INSTANCE, "run-1").collectAsList();
    assertThat(cases).hasSize(46);
    Row sd = cases.stream().filter(r -> "mm-safetybench:SD:01-Illegal_Activitiy/0".equals(r.getAs("case_id"))).findFirst().orElseThrow();
    assertThat((String) sd.getAs("image_sha256")).hasSize(64);
    assertThat((Integer) sd.getAs("image_width")).isEqualTo(8);
    assertThat((Integer) sd.getAs("image_height")).isEqualTo(6);
    assertThat((String) sd.getAs("image_format")).isEqualTo("jpeg");
    assertThat((String) sd.getAs("dataset_hash")).hasSize(64);
    assertThat((String) sd.getAs("run_date")).isEqualTo("2026-01-15");
    Row kept = cases.stream().filter(r -> "jailbreakv-28k:persuade:57".equals(r.getAs("case_id"))).findFirst().orElseThrow();
    assertThat((Object) kept.getAs("image_uri")).isNull();
    assertThat(CasesTable.EXTRA.<String, String>getMap(kept)).containsKey("image_missing").containsEntry("format", "Persuade");
    Row mcqa = cases.stream().filter(r -> "siuo:mcqa:1001".equals(r.getAs("case_id"))).findFirst().orElseThrow();
    assertThat(CasesTable.OPTIONS.<String, String>getMap(mcqa)).containsEntry("B", "Step back and call a friend.");

    List<Row> rejects = context.tables().readRun(RejectsTable.INSTANCE, "run-1").collectAsList();
    Map<String, Long> byReason = rejects.stream().collect(Collectors.groupingBy(r -> r.getAs("reason_code"), TreeMap::new, Collectors.counting()));
    assertThat(byReason).containsEntry("image_too_large", 1L).containsEntry("image_corrupt", 1L).containsEntry("image_not_an_image", 1L)
        .containsEntry("image_missing", 7L)
        .containsEntry("path_escapes_root", 2L).containsEntry("duplicate_id", 1L);
    Row bomb = rejects.stream().filter(r -> "image_too_large".equals(r.getAs("reason_code"))).findFirst().orElseThrow();
    assertThat((String) bomb.getAs("source_file")).isEqualTo("cases.jsonl");
    assertThat((String) bomb.getAs("source_row")).isEqualTo("7");
    assertThat((String) bomb.getAs("field")).isEqualTo("img");
    assertThat((String) bomb.getAs("item_id")).isEqualTo("generic:default:g6");
    assertThat((String) bomb.getAs("reason")).contains("declares 50000x50000 pixels");
    assertThat(rejects).allMatch(r -> "ingest".equals(r.getAs("stage")));
  }

  @Test
  void rerunReplacesThePartitionAndGivesTheSameIds() {
    RunContext other = context(yaml(dir.resolve("hades")), dir.resolve("out3"), "run-3");
    EvalJobs.get(other).ingestCases().datasets(other.config().datasets().subList(0, 1)).execute();
    IngestCasesJob.Result again = EvalJobs.get(other).ingestCases().partitions(1).limit(5)
        .datasets(other.config().datasets().subList(1, 2)).execute();
    assertThat(again.counts()).containsEntry("rows_read:fs", 5L).containsEntry("cases", 5L);
    List<String> ids = other.tables().readRun(CasesTable.INSTANCE, "run-3").select("case_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(ids).containsExactlyInAnyOrder(
        "figstep:figstep:1_1", "figstep:question:1_1", "figstep:figstep:1_2", "figstep:question:1_2", "figstep:figstep:2_1");
  }

  @Test
  void unknownBenchmarkFailsBeforeAnySparkWork() {
    String bad = "run: {output: '${out}'}\ndatasets:\n  - {name: x, benchmark: nope, path: /tmp}\n";
    RunContext ctx = context(bad, dir.resolve("out2"), "run-2");
    assertThatThrownBy(() -> EvalJobs.get(ctx).ingestCases().execute())
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("Cannot ingest benchmark nope: unknown name");
  }
}
