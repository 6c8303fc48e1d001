package dev.mmsafety.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.TableContract;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.DefenseSpec;
import dev.mmsafety.udf.config.EndpointSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.report.DisplaySafe;
import dev.mmsafety.udf.report.ReportData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "what was run" section: datasets with case counts per variant and polarity (cases), attacks, defenses,
 * judges and models from the config, with the probes, responses and template hashes the tables hold for them.
 * Only grouped counts reach the driver. URLs lose credentials and queries; secret-named parameters are masked.
 */
public final class InventoryReader {
  private final RunContext context;

  public InventoryReader(RunContext context) {
    this.context = context;
  }

  public ReportData.Inventory read() {
    RunConfig config = context.config();
    Map<String, Long> probes = counts(ProbesTable.INSTANCE, "attack");
    Map<String, Long> byDefense = new HashMap<>();
    Map<String, Long> byModel = new HashMap<>();
    OptionalTables.thisRun(context, ResponsesTable.INSTANCE).ifPresent(d -> d.groupBy("model", "defense")
        .agg(count("*")).collectAsList().forEach(r -> {
          byModel.merge(r.getString(0), r.getLong(2), Long::sum);
          byDefense.merge(r.getString(1), r.getLong(2), Long::sum);
        }));
    List<ReportData.ComponentRow> attacks = new ArrayList<>();
    for (AttackSpec a : config.attacks()) {
      attacks.add(new ReportData.ComponentRow(a.label(), a.name(), DisplaySafe.params(a.params()),
          a.benchmarks().isEmpty() ? "all benchmarks" : String.join(", ", a.benchmarks()),
          probes.getOrDefault(a.label(), 0L)));
    }
    List<ReportData.ComponentRow> defenses = new ArrayList<>();
    for (DefenseSpec d : config.defenses()) {
      defenses.add(new ReportData.ComponentRow(d.label(), d.name(), DisplaySafe.params(d.params()), "all models",
          byDefense.getOrDefault(d.label(), 0L)));
    }
    Map<String, List<String>> templates = templates();
    List<ReportData.JudgeRow> judges = new ArrayList<>();
    for (JudgeSpec j : config.judges()) {
      judges.add(new ReportData.JudgeRow(j.name(), j.type(), DisplaySafe.params(j.params()),
          templates.getOrDefault(j.name(), List.of())));
    }
    List<ReportData.ModelRow> models = new ArrayList<>();
    for (ModelSpec m : config.models()) {
      models.add(new ReportData.ModelRow(m.name(), m.model(), m.endpoints().stream().map(InventoryReader::endpoint)
          .toList(), m.endpoints().stream().anyMatch(EndpointSpec::simulated), generation(m),
          byModel.getOrDefault(m.name(), 0L)));
    }
    return new ReportData.Inventory(datasets(), attacks, defenses, judges, models);
  }

  /** Case counts per dataset and variant; a configured dataset that gave no cases is listed with zeros. */
  private List<ReportData.DatasetRow> datasets() {
    Map<List<String>, long[]> rows = new LinkedHashMap<>();
    OptionalTables.thisRun(context, CasesTable.INSTANCE).ifPresent(cases -> {
      for (org.apache.spark.sql.Row r : cases.groupBy("dataset", "benchmark", "variant", "polarity")
          .agg(count("*").as("n")).orderBy("dataset", "benchmark", "variant").collectAsList()) {
        long[] n = rows.computeIfAbsent(List.of(r.getString(0), r.getString(1), String.valueOf(r.getString(2))),
            k -> new long[2]);
        n["harmful".equals(r.getString(3)) ? 0 : 1] += r.getLong(4);
      }
    });
    List<ReportData.DatasetRow> out = new ArrayList<>();
    rows.forEach((k, n) -> out.add(new ReportData.DatasetRow(k.get(0), k.get(1), k.get(2), n[0], n[1])));
    for (DatasetSpec d : context.config().datasets()) {
      if (out.stream().noneMatch(r -> r.dataset().equals(d.name()))) {
        out.add(new ReportData.DatasetRow(d.name(), d.benchmark(), "(no cases)", 0, 0));
      }
    }
    return out;
  }

  /** "kind vVERSION sha256:HASH" per judge, from the verdicts this run wrote. */
  private Map<String, List<String>> templates() {
    Map<String, List<String>> out = new HashMap<>();
    OptionalTables.thisRun(context, JudgmentsTable.INSTANCE).ifPresent(j -> {
      for (org.apache.spark.sql.Row r : j.select("judge", "judge_kind", "judge_version", "template_hash").distinct()
          .orderBy("judge", "judge_kind", "template_hash").collectAsList()) {
        out.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
            .add(r.getString(1) + " v" + r.getString(2) + " sha256:" + r.getString(3));
      }
    });
    return out;
  }

  private Map<String, Long> counts(TableContract table, String column) {
    Map<String, Long> out = new HashMap<>();
    OptionalTables.thisRun(context, table).ifPresent(d -> d.groupBy(col(column)).agg(count("*")).collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1))));
    return out;
  }

  private static String endpoint(EndpointSpec e) {
    return e.name() + ": " + (e.simulated() ? "built-in simulator" : DisplaySafe.url(e.url()));
  }

  private static String generation(ModelSpec m) {
    Map<String, Object> shown = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> all = CanonicalJson.mapper().convertValue(m.generation(), Map.class);
    all.forEach((k, v) -> {
      if (v != null && !(v instanceof List<?> l && l.isEmpty())) {
        shown.put(k.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT), v); // as in YAML
      }
    });
    return DisplaySafe.params(shown);
  }
}
