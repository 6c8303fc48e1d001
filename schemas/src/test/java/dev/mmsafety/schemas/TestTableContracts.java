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
