package dev.mmsafety.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class TestTableContracts {

  @Test
  void columnIdsAreUniqueAcrossAllTablesUnlessSharedWithTheSameMeaning() {
    Map<Integer, Column> byId = new HashMap<>();
    for (TableContract table : Tables.all()) {
      for (Column column : table.columns()) {
        Column previous = byId.putIfAbsent(column.id(), column);
        if (previous != null) {
          assertThat(previous).as("id %d reused in %s", column.id(), table.name()).isEqualTo(column);
        }
      }
    }
  }

  @Test
  void everyTableCarriesRunIdAndIsPartitionedByRunDate() {
    for (TableContract table : Tables.all()) {
      assertThat(table.columns()).as(table.name()).contains(SharedColumns.RUN_ID, SharedColumns.RUN_DATE);
      assertThat(table.partitionColumns().get(0)).as(table.name()).isEqualTo(SharedColumns.RUN_DATE);
      assertThat(table.version()).isPositive();
    }
  }

  @Test
  void modelTablesArePartitionedByModel() {
    assertThat(ResponsesTable.INSTANCE.partitionColumnNames()).containsExactly("run_date", "model");
    assertThat(JudgmentsTable.INSTANCE.partitionColumnNames()).containsExactly("run_date", "model");
    assertThat(MetricsTable.INSTANCE.partitionColumnNames()).containsExactly("run_date", "model");
  }

  @Test
  void rowBuilderPlacesValuesInSchemaOrderAndRejectsMissingRequiredColumns() {
    Row row =
        RejectsTable.INSTANCE
            .newRow()
            .set(SharedColumns.RUN_ID, "r1")
            .set(SharedColumns.RUN_DATE, "2026-01-01")
            .set(SharedColumns.DATASET, "d")
            .set(RejectsTable.STAGE, "ingest")
            .set(RejectsTable.REASON_CODE, "image_missing")
            .set(RejectsTable.REASON, "no file")
            .build();
    assertThat(row.size()).isEqualTo(RejectsTable.INSTANCE.schema().size());
    assertThat((String) RejectsTable.REASON_CODE.get(row)).isEqualTo("image_missing");
    assertThat(row.getString(row.fieldIndex("stage"))).isEqualTo("ingest");

    assertThatThrownBy(() -> RejectsTable.INSTANCE.newRow().set(SharedColumns.RUN_ID, "r1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("required column");
    assertThatThrownBy(() -> RejectsTable.INSTANCE.newRow().set(ResponsesTable.TEXT, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a column of table rejects");
  }

  @Test
  void javaMapsAndListsBecomeRowsSparkEncodes() {
    org.apache.spark.sql.SparkSession spark =
        org.apache.spark.sql.SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    Row row =
        ProbesTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, "r").set(SharedColumns.RUN_DATE, "2026-01-01")
            .set(SharedColumns.PROBE_ID, "p").set(SharedColumns.CASE_ID, "c").set(SharedColumns.BENCHMARK, "b")
            .set(SharedColumns.DATASET, "d").set(SharedColumns.VARIANT, "v").set(ProbesTable.DATASET_HASH, "h")
            .set(SharedColumns.CANONICAL_CATEGORY, "x").set(SharedColumns.POLARITY, "harmful")
            .set(SharedColumns.ATTACK, "none").set(ProbesTable.ATTACK_VERSION, "1")
            .set(ProbesTable.ATTACK_PARAMS, "{}").set(ProbesTable.ATTACK_SEED, 1L)
            .set(ProbesTable.PROMPT_TEXT, "t").set(ProbesTable.IMAGE_URIS, java.util.List.of("u1", "u2"))
            .set(ProbesTable.IMAGE_SHA256S, java.util.List.of("s1", "s2"))
            .build();
    // Through the row encoder (as mapPartitions does), not only createDataFrame's converters.
    var ds =
        spark.createDataFrame(java.util.List.of(row), ProbesTable.INSTANCE.schema())
            .map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> row,
                org.apache.spark.sql.Encoders.row(ProbesTable.INSTANCE.schema()));
    Row back = ds.collectAsList().get(0);
    assertThat(ProbesTable.IMAGE_URIS.<String>getList(back)).containsExactly("u1", "u2");
    Row runs =
        RunsTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, "r").set(SharedColumns.RUN_DATE, "2026-01-01").set(RunsTable.COMMAND, "run")
            .set(RunsTable.CONFIG_HASH, "h").set(RunsTable.CODE_VERSION, "v")
            .set(RunsTable.STARTED_AT, new java.sql.Timestamp(0)).set(RunsTable.RUN_STATUS, "succeeded")
            .set(SharedColumns.SIMULATOR, true).set(RunsTable.COUNTS, Map.of("cases", 3L))
            .set(RunsTable.OUTPUT_ROOT, "/o").set(RunsTable.CONFIG_JSON, "{}").build();
    Row runsBack =
        spark.createDataFrame(java.util.List.of(runs), RunsTable.INSTANCE.schema())
            .map((org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> runs,
                org.apache.spark.sql.Encoders.row(RunsTable.INSTANCE.schema()))
            .collectAsList().get(0);
    assertThat(RunsTable.COUNTS.<String, Long>getMap(runsBack)).containsEntry("cases", 3L);
  }

  @Test
  void tablesDocumentIsGeneratedFromTheContracts() throws Exception {
    Path doc = Path.of("..", "docs", "tables.md");
    if (Boolean.getBoolean("tables.doc.update")) {
      Files.writeString(doc, TableDocs.markdown(), StandardCharsets.UTF_8);
    }
    assertThat(doc).exists();
    assertThat(Files.readString(doc, StandardCharsets.UTF_8))
        .as("docs/tables.md is stale: regenerate with mvn test -pl schemas -Dtables.doc.update=true")
        .isEqualTo(TableDocs.markdown());
  }
}
