package dev.mmsafety.jobs.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.schemas.JudgeAgreementTable;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.metrics.Agreement;
import dev.mmsafety.udf.metrics.HumanLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Judge agreement on the refused and unsafe decisions: every judge pair on the responses both judged (a
 * self-join on response id), and every judge against the majority of imported human labels (a join with the
 * labelled responses). Counts are aggregated in Spark; kappa and scores are computed on the driver from the
 * confusion counts, per model and pooled over models ({@code ALL}).
 */
public final class JudgeAgreementMetrics {
  private static final List<String> DECISIONS = List.of(HumanLabels.UNSAFE, HumanLabels.REFUSED);

  private JudgeAgreementMetrics() {}

  /** Confusion counts per run x model x judge x other x decision for judge pairs. */
  public static Dataset<Row> pairCounts(Dataset<Row> judgments) {
    Dataset<Row> a = judgments.select(
        col("run_id"), col("model"), col("response_id"), col("judge"), col("status"), col("refused"),
        col("unsafe"), col("simulator"));
    Dataset<Row> b = a.select(
        col("run_id").as("o_run_id"), col("model").as("o_model"), col("response_id").as("o_response_id"),
        col("judge").as("other"), col("status").as("o_status"), col("refused").as("o_refused"),
        col("unsafe").as("o_unsafe"));
    Dataset<Row> joined = a.join(
        b,
        col("run_id").equalTo(col("o_run_id")).and(col("model").equalTo(col("o_model")))
            .and(col("response_id").equalTo(col("o_response_id"))).and(col("judge").lt(col("other"))));
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(col("judge").isNotNull(), 1).otherwise(0)).as("both"));
    for (String d : DECISIONS) {
      Column usable = col("status").equalTo("ok").and(col("o_status").equalTo("ok"))
          .and(col(d).isNotNull()).and(col("o_" + d).isNotNull());
      aggs.addAll(confusion(d, usable, col(d), col("o_" + d)));
    }
    return joined.groupBy(col("run_id"), col("model"), col("judge"), col("other"))
        .agg(max(col("simulator").cast("int")).as("simulator_any"), aggs.toArray(new Column[0]));
  }

  /** Responses judged per run x model x judge (for the excluded counts of pairs). */
  public static Dataset<Row> judgedCounts(Dataset<Row> judgments) {
    return judgments.groupBy(col("run_id"), col("model"), col("judge"))
        .agg(countDistinct(col("response_id")).as("judged"));
  }

  /** Confusion and exclusion counts per run x model x judge x decision against human labels. */
  public static Dataset<Row> humanCounts(Dataset<Row> judgments, Dataset<Row> responses) {
    UserDefinedFunction majority = majorityUdf();
    Dataset<Row> labelled = responses
        .where(col("human_labels").isNotNull().and(org.apache.spark.sql.functions.size(col("human_labels")).gt(0)))
        .select(
            col("response_id").as("h_response_id"),
            majority.apply(col("human_labels"), org.apache.spark.sql.functions.lit(HumanLabels.UNSAFE)).as("h_unsafe"),
            majority.apply(col("human_labels"), org.apache.spark.sql.functions.lit(HumanLabels.REFUSED))
                .as("h_refused"))
        .dropDuplicates("h_response_id");
    Dataset<Row> joined = judgments.join(labelled, col("response_id").equalTo(col("h_response_id")));
    List<Column> aggs = new ArrayList<>();
    for (String d : DECISIONS) {
      Column h = col("h_" + d);
      Column hasMajority = h.isin(HumanLabels.Outcome.YES.name(), HumanLabels.Outcome.NO.name());
      Column usable = hasMajority.and(col("status").equalTo("ok")).and(col(d).isNotNull());
      aggs.addAll(confusion(d, usable, col(d), h.equalTo(HumanLabels.Outcome.YES.name())));
      aggs.add(count(hasMajority.and(org.apache.spark.sql.functions.not(usable))).as(d + "_excluded"));
      aggs.add(count(h.equalTo(HumanLabels.Outcome.NO_MAJORITY.name())).as(d + "_no_majority"));
      aggs.add(count(h.equalTo(HumanLabels.Outcome.NO_LABELS.name())).as(d + "_no_labels"));
    }
    return joined.groupBy(col("run_id"), col("model"), col("judge"))
        .agg(max(col("simulator").cast("int")).as("simulator_any"), aggs.toArray(new Column[0]));
  }

  private static List<Column> confusion(String d, Column usable, Column rater, Column reference) {
    return List.of(
        count(usable.and(rater).and(reference)).as(d + "_tp"),
        count(usable.and(rater).and(org.apache.spark.sql.functions.not(reference))).as(d + "_fp"),
        count(usable.and(org.apache.spark.sql.functions.not(rater)).and(reference)).as(d + "_fn"),
        count(usable.and(org.apache.spark.sql.functions.not(rater))
            .and(org.apache.spark.sql.functions.not(reference))).as(d + "_tn"));
  }

  private static Column count(Column condition) {
    return sum(when(condition, 1).otherwise(0));
  }

  private static UserDefinedFunction majorityUdf() {
    return org.apache.spark.sql.functions.udf(
        (org.apache.spark.sql.api.java.UDF2<scala.collection.Map<String, String>, String, String>)
            (labels, decision) ->
                HumanLabels.majority(
                        labels == null ? Map.of() : scala.jdk.javaapi.CollectionConverters.asJava(labels), decision)
                    .name(),
        DataTypes.StringType);
  }

  /** Rows of judge_agreement from collected counts; adds the pooled ALL-models rows. */
  public static List<Row> toRows(List<Row> pairs, List<Row> judged, List<Row> human, String runDate) {
    Map<String, Long> judgedBy = new HashMap<>();
    for (Row r : judged) {
      judgedBy.put(key(r.getAs("run_id"), r.getAs("model"), r.getAs("judge")), ((Number) r.getAs("judged")).longValue());
    }
    // key: run|model|judge|other|kind|decision -> accumulated figures; TreeMap for a stable order.
    Map<List<String>, long[]> acc = new TreeMap<>((x, y) -> String.join("\u0000", x).compareTo(String.join("\u0000", y)));
    for (Row r : pairs) {
      String run = r.getAs("run_id");
      String model = r.getAs("model");
      long both = num(r, "both");
      long union = judgedBy.getOrDefault(key(run, model, r.getAs("judge")), 0L)
          + judgedBy.getOrDefault(key(run, model, r.getAs("other")), 0L) - both;
      for (String d : DECISIONS) {
        long[] f = figures(r, d, 0, 0, 0, num(r, "simulator_any"));
        long n = f[0] + f[1] + f[2] + f[3];
        f[4] = union - n;
        add(acc, List.of(run, model, r.getAs("judge"), r.getAs("other"), JudgeAgreementTable.KIND_JUDGE, d), f);
      }
    }
    for (Row r : human) {
      for (String d : DECISIONS) {
        long[] f = figures(r, d, num(r, d + "_excluded"), num(r, d + "_no_majority"), num(r, d + "_no_labels"),
            num(r, "simulator_any"));
        add(acc, List.of(r.getAs("run_id"), r.getAs("model"), r.getAs("judge"), JudgeAgreementTable.HUMAN,
            JudgeAgreementTable.KIND_HUMAN, d), f);
      }
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : acc.entrySet()) {
      long[] f = e.getValue();
      Agreement a = new Agreement(f[0], f[1], f[2], f[3]);
      boolean humanRow = JudgeAgreementTable.KIND_HUMAN.equals(e.getKey().get(4));
      if (a.n() == 0 && (!humanRow || f[4] == 0)) {
        continue; // this decision is not given by one of the sides (or no human majority at all)
      }
      List<String> k = e.getKey();
      out.add(ValidationRows.confusion(JudgeAgreementTable.INSTANCE.newRow(), a)
          .set(SharedColumns.RUN_ID, k.get(0))
          .set(SharedColumns.MODEL, k.get(1))
          .set(SharedColumns.JUDGE, k.get(2))
          .set(JudgeAgreementTable.OTHER, k.get(3))
          .set(JudgeAgreementTable.REFERENCE_KIND, k.get(4))
          .set(JudgeAgreementTable.DECISION, k.get(5))
          .set(SharedColumns.SIMULATOR, f[7] > 0)
          .set(JudgeAgreementTable.N_EXCLUDED, f[4])
          .set(JudgeAgreementTable.N_NO_MAJORITY, f[5])
          .set(JudgeAgreementTable.N_NO_LABELS, f[6])
          .set(SharedColumns.RUN_DATE, runDate)
          .build());
    }
    return out;
  }

  // figures: tp, fp, fn, tn, excluded, no_majority, no_labels, simulator
  private static long[] figures(Row r, String d, long excluded, long noMajority, long noLabels, long simulator) {
    return new long[] {
      num(r, d + "_tp"), num(r, d + "_fp"), num(r, d + "_fn"), num(r, d + "_tn"), excluded, noMajority, noLabels,
      simulator
    };
  }

  private static void add(Map<List<String>, long[]> acc, List<String> key, long[] f) {
    merge(acc, key, f);
    List<String> pooled = new ArrayList<>(key);
    pooled.set(1, MetricsTable.ALL);
    merge(acc, pooled, f);
  }

  private static void merge(Map<List<String>, long[]> acc, List<String> key, long[] f) {
    long[] cur = acc.computeIfAbsent(key, k -> new long[8]);
    for (int i = 0; i < 7; i++) {
      cur[i] += f[i];
    }
    cur[7] = Math.max(cur[7], f[7]);
  }

  private static String key(Object run, Object model, Object judge) {
    return run + "\u0000" + model + "\u0000" + judge;
  }

  private static long num(Row r, String name) {
    return ((Number) r.getAs(name)).longValue();
  }
}
