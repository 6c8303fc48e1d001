package dev.mmsafety.jobs.metrics;

import static org.apache.spark.sql.functions.col;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.Column;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.attack.adaptive.SearchOutcome;
import dev.mmsafety.udf.metrics.AdaptiveMetrics;
import dev.mmsafety.udf.metrics.Groupings;
import dev.mmsafety.udf.metrics.Interval;
import dev.mmsafety.udf.metrics.Wilson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The adaptive attacks' metrics ({@code search_asr_at_rounds}, docs/metrics.md) per model under test x attack x
 * polarity: every search of the run is one (case, attack, model) of attack_rounds (a search always makes a node),
 * its outcome the probe it became (search_stop, search_rounds, search_calls_to_success), or a failure when it became
 * a reject. Success is the search's own (the evaluator's rating reached the success score); the judges' verdicts on
 * the final probes are the ordinary asr rows.
 */
public final class AdaptiveSearchMetrics {
  public static final String METRIC = "search_asr_at_rounds";

  private AdaptiveSearchMetrics() {}

  /** The metric rows of this run; none when it ran no adaptive attack. */
  public static List<Row> rows(RunContext context) {
    return OptionalTables.thisRun(context, AttackRoundsTable.INSTANCE)
        .map(rounds -> rows(rounds, context.tables().readRun(ProbesTable.INSTANCE, context.runId()),
            context.tables().readRun(CasesTable.INSTANCE, context.runId()), context.runId(), context.runDate(),
            context.config().models().stream().filter(m -> m.usesSimulator()).map(m -> m.name()).toList()))
        .orElse(List.of());
  }

  public static List<Row> rows(Dataset<Row> rounds, Dataset<Row> probes, Dataset<Row> cases, String runId, String runDate,
      List<String> simulated) {
    Dataset<Row> searches = rounds.groupBy(col("model"), col("attack"), col("case_id"))
        .agg(functions.max(col(AttackRoundsTable.ROUND.name())).as("max_round"));
    Dataset<Row> outcomes = probes.where(col(ProbesTable.TARGET_MODEL.name()).isNotNull())
        .select(col(ProbesTable.TARGET_MODEL.name()).as("p_model"), col("attack").as("p_attack"),
            col("case_id").as("p_case"), col(ProbesTable.SEARCH_STOP.name()), col(ProbesTable.SEARCH_ROUNDS.name()),
            col(ProbesTable.SEARCH_CALLS_TO_SUCCESS.name()));
    Dataset<Row> polarity = cases.select(col("case_id").as("c_case"), col("polarity"));
    List<Row> joined = searches
        .join(outcomes, col("model").equalTo(col("p_model")).and(col("attack").equalTo(col("p_attack")))
            .and(col("case_id").equalTo(col("p_case"))), "left")
        .join(polarity, col("case_id").equalTo(col("c_case")), "left")
        .select("model", "attack", "polarity", "max_round", ProbesTable.SEARCH_STOP.name(),
            ProbesTable.SEARCH_ROUNDS.name(), ProbesTable.SEARCH_CALLS_TO_SUCCESS.name())
        .collectAsList();
    Map<List<String>, List<SearchOutcome>> groups = new LinkedHashMap<>();
    Map<List<String>, Integer> maxRounds = new LinkedHashMap<>();
    for (Row r : joined) {
      List<String> key = List.of(r.getString(0), r.getString(1), r.isNullAt(2) ? MetricsTable.ALL : r.getString(2));
      boolean success = SearchOutcome.SUCCESS.equals(r.getString(4));
      int used = r.isNullAt(5) ? r.getInt(3) : r.getInt(5);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new SearchOutcome(List.of(), null, null, success,
          r.isNullAt(4) ? "rejected" : r.getString(4), used, 0, 0, r.isNullAt(6) ? null : r.getInt(6)));
      maxRounds.merge(key, used, Math::max);
    }
    List<Row> out = new ArrayList<>();
    groups.forEach((key, list) -> {
      OptionalDouble meanRounds = AdaptiveMetrics.meanRoundsToSuccess(list);
      OptionalDouble calls = AdaptiveMetrics.meanCallsToSuccess(list);
      for (int k = 1; k <= maxRounds.get(key); k++) {
        long n = list.size();
        long hits = Math.round(AdaptiveMetrics.asrAtRounds(list, k) * n);
        Interval ci = Wilson.interval95(hits, n);
        var b = MetricsTable.INSTANCE.newRow()
            .set(SharedColumns.RUN_ID, runId)
            .set(SharedColumns.RUN_DATE, runDate)
            .set(SharedColumns.MODEL, key.get(0))
            .set(MetricsTable.GROUPING, Groupings.name(Groupings.ATTACK_ONLY))
            .set(SharedColumns.POLARITY, key.get(2))
            .set(SharedColumns.SIMULATOR, simulated.contains(key.get(0)))
            .set(MetricsTable.METRIC, METRIC)
            .set(MetricsTable.N, n)
            .set(MetricsTable.K, hits)
            .set(MetricsTable.RATE, Wilson.rate(hits, n))
            .set(MetricsTable.CI_LOW, ci.low())
            .set(MetricsTable.CI_HIGH, ci.high())
            .set(MetricsTable.N_ERROR, 0L)
            .set(MetricsTable.N_UNPARSEABLE, 0L)
            .set(MetricsTable.SEARCH_ROUNDS, k)
            .set(MetricsTable.MEAN_ROUNDS_TO_SUCCESS, meanRounds.isPresent() ? meanRounds.getAsDouble() : null)
            .set(MetricsTable.MEAN_CALLS_TO_SUCCESS, calls.isPresent() ? calls.getAsDouble() : null);
        for (Column dim : Groupings.DIMENSIONS) {
          b.set(dim, dim.equals(SharedColumns.ATTACK) ? key.get(1) : MetricsTable.ALL);
        }
        out.add(b.build());
      }
    });
    return out;
  }
}
