package dev.mmsafety.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.SharedColumns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTableIO extends SparkTestBase {
  @TempDir Path out;

  private static Row reject(String runId, String code) {
    return RejectsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId).set(SharedColumns.RUN_DATE, "2026-01-15").set(SharedColumns.DATASET, "d")
        .set(RejectsTable.STAGE, "ingest").set(RejectsTable.REASON_CODE, code).set(RejectsTable.REASON, "why")
        .build();
  }

  private static Row judgment(String id, List<String> categories) {
    return JudgmentsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, "r").set(SharedColumns.RUN_DATE, "2026-01-15").set(SharedColumns.MODEL, "m")
        .set(JudgmentsTable.JUDGMENT_ID, id).set(SharedColumns.RESPONSE_ID, "x").set(SharedColumns.PROBE_ID, "p")
        .set(SharedColumns.CASE_ID, "c").set(SharedColumns.BENCHMARK, "b").set(SharedColumns.DATASET, "d")
        .set(SharedColumns.VARIANT, "v")
        .set(SharedColumns.CANONICAL_CATEGORY, "k").set(SharedColumns.POLARITY, "harmful")
        .set(SharedColumns.ATTACK, "none").set(SharedColumns.DEFENSE, "none").set(SharedColumns.SIMULATOR, false)
        .set(SharedColumns.JUDGE, "j").set(JudgmentsTable.JUDGE_KIND, "guard").set(JudgmentsTable.JUDGE_VERSION, "1")
        .set(JudgmentsTable.TEMPLATE_HASH, "t").set(JudgmentsTable.RESPONSE_STATUS, "ok")
        .set(SharedColumns.STATUS, "ok").set(JudgmentsTable.CATEGORIES, categories)
        .set(JudgmentsTable.CACHE_HIT, false).build();
  }

  @Test
  void aTableReadBackCanBeConformedAndWrittenAgain() {
    TableIO io = new TableIO(spark(), out.toString(), "2026-01-15");
    io.write(spark().createDataFrame(List.of(judgment("a", List.of("S1", "S2"))), JudgmentsTable.INSTANCE.schema()),
        JudgmentsTable.INSTANCE);
    Dataset<Row> back = io.read(JudgmentsTable.INSTANCE);
    TableIO copy = new TableIO(spark(), out.resolve("copy").toString(), "2026-01-15");
    copy.write(back, JudgmentsTable.INSTANCE);
    Row row = copy.read(JudgmentsTable.INSTANCE).first();
    assertThat(JudgmentsTable.CATEGORIES.<String>getList(row)).containsExactly("S1", "S2");
    assertThat(out.resolve("judgments/run_date=2026-01-15/model=m")).isDirectory();
  }

  @Test
  void writeReplacesOnlyThisRunDateAndWritePartitionOnlyItsStage() throws Exception {
    TableIO day1 = new TableIO(spark(), out.toString(), "2026-01-15");
    TableIO day2 = new TableIO(spark(), out.toString(), "2026-01-16");
    Dataset<Row> first = spark().createDataFrame(List.of(reject("r1", "a")), RejectsTable.INSTANCE.schema());
    day1.writePartition(first, RejectsTable.INSTANCE, RejectsTable.STAGE, "ingest");
    day1.writePartition(first, RejectsTable.INSTANCE, RejectsTable.STAGE, "attack");
    day2.writePartition(first, RejectsTable.INSTANCE, RejectsTable.STAGE, "ingest");
    // Re-running day 1's ingest replaces day 1's ingest rejects only.
    Dataset<Row> rerun = spark().createDataFrame(List.of(reject("r2", "b")), RejectsTable.INSTANCE.schema());
    day1.writePartition(rerun, RejectsTable.INSTANCE, RejectsTable.STAGE, "ingest");
    List<Row> rows = day1.read(RejectsTable.INSTANCE).orderBy("run_date", "stage").collectAsList();
    assertThat(rows).extracting(r -> r.getString(r.fieldIndex("run_date")) + "/" + r.getString(r.fieldIndex("stage"))
            + "/" + r.getString(r.fieldIndex("run_id")))
        .containsExactly("2026-01-15/attack/r1", "2026-01-15/ingest/r2", "2026-01-16/ingest/r1");
    assertThat(Files.exists(out.resolve("rejects/run_date=2026-01-15/stage=ingest"))).isTrue();
  }
}
