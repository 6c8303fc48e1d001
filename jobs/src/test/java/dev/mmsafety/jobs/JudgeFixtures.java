package dev.mmsafety.jobs;

import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Small made-up responses and probes for the judge stage tests. */
final class JudgeFixtures {
  private JudgeFixtures() {}

  /** id, status, text, polarity. */
  static Dataset<Row> responses(SparkSession spark, String[][] rows) {
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(ResponsesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "gen-run")
          .set(SharedColumns.RESPONSE_ID, r[0])
          .set(SharedColumns.PROBE_ID, "probe-" + r[0])
          .set(SharedColumns.CASE_ID, "figstep:safebench:" + r[0])
          .set(SharedColumns.BENCHMARK, "figstep")
          .set(SharedColumns.DATASET, "figstep-tiny")
          .set(SharedColumns.VARIANT, "figstep")
          .set(SharedColumns.NATIVE_CATEGORY, "Illegal Activity")
          .set(SharedColumns.CANONICAL_CATEGORY, "illegal_activity")
          .set(SharedColumns.POLARITY, r[3])
          .set(SharedColumns.ATTACK, "none")
          .set(SharedColumns.DEFENSE, "none")
          .set(ResponsesTable.DEFENSE_VERSION, "1")
          .set(ResponsesTable.DEFENSE_PARAMS, "{}")
          .set(ResponsesTable.MODEL_ID, "tiny-vlm")
          .set(SharedColumns.SIMULATOR, false)
          .set(ResponsesTable.GEN_PARAMS, "{}")
          .set(ResponsesTable.REQUEST_ID, "req-" + r[0])
          .set(SharedColumns.STATUS, r[1])
          .set(SharedColumns.ERROR, "ok".equals(r[1]) ? null : "request timed out")
          .set(ResponsesTable.TEXT, r[2])
          .set(ResponsesTable.ATTEMPTS, 1)
          .set(ResponsesTable.CACHE_HIT, false)
          .set(ResponsesTable.SOURCE, "imported")
          .set(SharedColumns.RUN_DATE, "2026-01-14")
          .set(SharedColumns.MODEL, "tiny-vlm")
          .build());
    }
    return spark.createDataFrame(out, ResponsesTable.INSTANCE.schema());
  }

  /** One probe per response id, with the question text. */
  static Dataset<Row> probes(SparkSession spark, String[][] rows) {
    return probes(spark, rows, null);
  }

  /** One case per response id, with a HarmBench-style image description in extra. */
  static Dataset<Row> cases(SparkSession spark, String[][] rows) {
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(dev.mmsafety.schemas.CasesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "gen-run")
          .set(SharedColumns.CASE_ID, "figstep:safebench:" + r[0])
          .set(SharedColumns.BENCHMARK, "harmbench-mm")
          .set(SharedColumns.DATASET, "hb")
          .set(SharedColumns.VARIANT, "multimodal")
          .set(dev.mmsafety.schemas.CasesTable.NATIVE_ID, r[0])
          .set(SharedColumns.CANONICAL_CATEGORY, "illegal_activity")
          .set(SharedColumns.POLARITY, r[3])
          .set(dev.mmsafety.schemas.CasesTable.PROMPT_TEXT, "Question for " + r[0])
          .set(dev.mmsafety.schemas.CasesTable.DATASET_HASH, "h")
          .set(dev.mmsafety.schemas.CasesTable.SOURCE_FILE, "behaviors.csv")
          .set(dev.mmsafety.schemas.CasesTable.SOURCE_ROW, "1")
          .set(dev.mmsafety.schemas.CasesTable.EXTRA, scala.jdk.javaapi.CollectionConverters.asScala(
              java.util.Map.of("RedactedImageDescription", "A drawing of a padlock for " + r[0])))
          .set(SharedColumns.RUN_DATE, "2026-01-14")
          .build());
    }
    return spark.createDataFrame(out, dev.mmsafety.schemas.CasesTable.INSTANCE.schema());
  }

  /** As {@link #probes(SparkSession, String[][])}, each probe with {@code imageUri} as its only image. */
  static Dataset<Row> probes(SparkSession spark, String[][] rows, String imageUri) {
    List<Row> out = new ArrayList<>();
    for (String[] r : rows) {
      out.add(ProbesTable.INSTANCE.newRow()
          .set(SharedColumns.RUN_ID, "gen-run")
          .set(SharedColumns.PROBE_ID, "probe-" + r[0])
          .set(SharedColumns.CASE_ID, "figstep:safebench:" + r[0])
          .set(SharedColumns.BENCHMARK, "figstep")
          .set(SharedColumns.DATASET, "figstep-tiny")
          .set(SharedColumns.VARIANT, "figstep")
          .set(ProbesTable.DATASET_HASH, "h")
          .set(SharedColumns.CANONICAL_CATEGORY, "illegal_activity")
          .set(SharedColumns.POLARITY, r[3])
          .set(SharedColumns.ATTACK, "none")
          .set(ProbesTable.ATTACK_VERSION, "1")
          .set(ProbesTable.ATTACK_PARAMS, "{}")
          .set(ProbesTable.ATTACK_SEED, 1L)
          .set(ProbesTable.PROMPT_TEXT, "Question for " + r[0])
          .set(ProbesTable.IMAGE_URIS, scala.jdk.javaapi.CollectionConverters.asScala(
              imageUri == null ? List.<String>of() : List.of(imageUri)).toSeq())
          .set(ProbesTable.IMAGE_SHA256S, scala.jdk.javaapi.CollectionConverters.asScala(
              imageUri == null ? List.<String>of() : List.of("sha")).toSeq())
          .set(SharedColumns.RUN_DATE, "2026-01-14")
          .build());
    }
    return spark.createDataFrame(out, ProbesTable.INSTANCE.schema());
  }
}
