package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.spark.InferencePlanner;
import dev.mmsafety.udf.spark.InferenceTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Issue #16 item 3: under a cap, rows are admitted stratified by (dataset, polarity, category), cases whole. */
class TestBudgetAdmission extends SparkTestBase {
  private static final List<ModelSpec> MODELS = List.of(new ModelSpec("m", null, null, null, null, null, null));

  /** Cases of three strata (30, 10 and 2 cases; the last benign), probe ids in dataset order. */
  private static Dataset<Row> probes() {
    List<Row> rows = new ArrayList<>();
    int[] sizes = {30, 10, 2};
    String[] datasets = {"a", "b", "c"};
    for (int s = 0; s < 3; s++) {
      for (int i = 0; i < sizes[s]; i++) {
        String caseId = datasets[s] + ":v:" + i;
        rows.add(ProbesTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, "r")
            .set(SharedColumns.PROBE_ID, String.format("%02d-%s", s, Hashing.shortId(caseId)))
            .set(SharedColumns.CASE_ID, caseId)
            .set(SharedColumns.BENCHMARK, "generic")
            .set(SharedColumns.DATASET, datasets[s])
            .set(SharedColumns.VARIANT, "v")
            .set(ProbesTable.DATASET_HASH, "h")
            .set(SharedColumns.CANONICAL_CATEGORY, "cat")
            .set(SharedColumns.POLARITY, s == 2 ? "benign" : "harmful")
            .set(SharedColumns.ATTACK, "none")
            .set(ProbesTable.ATTACK_VERSION, "1")
            .set(ProbesTable.ATTACK_PARAMS, "{}")
            .set(ProbesTable.ATTACK_SEED, 0L)
            .set(ProbesTable.PROMPT_TEXT, "item " + caseId)
            .set(ProbesTable.IMAGE_URIS, List.of())
            .set(ProbesTable.IMAGE_SHA256S, List.of())
            .set(SharedColumns.RUN_DATE, "2026-01-15")
            .build());
      }
    }
    return spark().createDataFrame(rows, ProbesTable.INSTANCE.schema());
  }

  private static Dataset<Row> admit(List<DefenseSpec> defenses, long maxRequests, List<String> cached) {
    Dataset<Row> work = InferencePlanner.withRequestIds(
        InferencePlanner.work(spark(), probes(), MODELS, defenses), MODELS);
    List<String> cachedIds = work.where(SharedColumns.CASE_ID.name() + " IN ('" + String.join("','", cached) + "')")
        .select(InferenceTask.REQUEST_ID_COL).distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    Dataset<Row> cache = spark().createDataFrame(cachedIds.stream().map(org.apache.spark.sql.RowFactory::create)
        .toList(), new StructType().add("_mm_cached_id", DataTypes.StringType, false));
    return InferencePlanner.admit(work, cache, InferenceSpec.DEFAULT.with(s -> s.maxRequests = maxRequests), MODELS);
  }

  private static Map<String, Long> admittedByDataset(Dataset<Row> admitted) {
    return admitted.where(InferenceTask.ADMITTED_COL).collectAsList().stream()
        .collect(Collectors.groupingBy(SharedColumns.DATASET::getString, java.util.TreeMap::new,
            Collectors.counting()));
  }

  @Test
  void everyStratumGetsItsShareNotTheFirstProbeIds() {
    Dataset<Row> admitted = admit(List.of(DefenseSpec.NONE), 21, List.of());
    // half the rows: half of every stratum, the 2-case benign dataset included (probe-id order would be a:21)
    assertThat(admittedByDataset(admitted)).isEqualTo(Map.of("a", 15L, "b", 5L, "c", 1L));
    assertThat(admitted.where("NOT " + InferenceTask.ADMITTED_COL).collectAsList())
        .hasSize(42 - 21)
        .allSatisfy(r -> assertThat(r.getString(r.fieldIndex(InferenceTask.CAP_COL)))
            .isEqualTo("inference.max-requests=21"));
    // a cap below the number of strata still reaches every stratum first
    assertThat(admittedByDataset(admit(List.of(DefenseSpec.NONE), 3, List.of())))
        .isEqualTo(Map.of("a", 1L, "b", 1L, "c", 1L));
  }

  @Test
  void casesAreAdmittedWholeAndCachedRowsAreFree() {
    DefenseSpec second = new DefenseSpec("none", "other", null);
    Dataset<Row> admitted = admit(List.of(DefenseSpec.NONE, second), 20, List.of());
    List<Row> in = admitted.where(InferenceTask.ADMITTED_COL).collectAsList();
    assertThat(in).hasSize(20);
    // both defenses of every admitted case: paired comparisons stay paired
    assertThat(in.stream().collect(Collectors.groupingBy(SharedColumns.CASE_ID::getString, Collectors.counting())))
        .hasSize(10).allSatisfy((c, n) -> assertThat(n).isEqualTo(2L));
    // the same cap with some answers cached admits the same cases plus as many new rows as the cached ones free
    List<String> firstCases = in.stream().map(SharedColumns.CASE_ID::getString).distinct().sorted().toList();
    List<String> cachedCases = firstCases.subList(0, 4);
    List<Row> resumed = admit(List.of(DefenseSpec.NONE, second), 20, cachedCases)
        .where(InferenceTask.ADMITTED_COL).collectAsList();
    assertThat(resumed).hasSize(20 + 8);
    assertThat(resumed.stream().map(SharedColumns.CASE_ID::getString).collect(Collectors.toSet()))
        .containsAll(firstCases);
  }
}
