package dev.mmsafety.jobs;

import dev.mmsafety.schemas.AttackRoundsTable;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ImageLineageTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.attack.AttackRunner;
import dev.mmsafety.udf.attack.AttackScope;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.exceptions.ValidationException;
import dev.mmsafety.udf.spark.AttackPartitionFunction;
import dev.mmsafety.udf.spark.AttackRows;
import dev.mmsafety.udf.spark.AttackRows.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns cases into probes (cases x attacks, per {@link AttackScope}), writing probes, image_lineage and
 * rejects (stage attack). Generated images go once, content-addressed, under {@code <out>/images/sha256/}.
 *
 * <p>Reads the given cases; no shuffle except a repartition to {@code spark.partitions} when the input has fewer
 * partitions (rendering is CPU-bound). The tagged output is persisted so the three writes run the attacks once.
 * Counts reconcile: probes + rejects = sum over attacks of applicable cases, checked before returning.
 */
public final class ApplyAttacksJob extends StageJob<ApplyAttacksJob> {
  public static final String JOB_GROUP = "APPLY-ATTACKS";

  ApplyAttacksJob(RunContext context) {
    super(context);
  }

  public Result execute() {
    if (input == null) {
      throw new ValidationException("Cannot apply attacks: no input cases given");
    }
    List<AttackSpec> all = context.config().attacks();
    // config errors surface here, on the driver; adaptive attacks (pair, tap) run as searches (AdaptiveSearchStage)
    List<AttackSpec> adaptive = AdaptiveSearchStage.adaptive(all, context.config().judges());
    List<AttackSpec> specs = all.stream().filter(s -> !adaptive.contains(s)).toList();
    specs.forEach(AttackRunner.Planned::of);
    AttackScope.checkAll(all, context.config().datasets().stream().map(DatasetSpec::benchmark).toList());
    return context.inJobGroup(JOB_GROUP, "Apply " + all.size() + " attack(s) to cases", () -> run(specs, adaptive));
  }

  private Result run(List<AttackSpec> specs, List<AttackSpec> adaptive) {
    Dataset<Row> cases =
        input.rdd().getNumPartitions() < context.partitions() ? input.repartition(context.partitions()) : input;
    AttackPartitionFunction fn =
        new AttackPartitionFunction(
            specs, context.seed(), context.runId(), context.runDate(), context.outputRoot(), hadoopConf());
    Dataset<Row> oneShot = cases.mapPartitions(fn, Encoders.row(AttackRows.SCHEMA));
    Dataset<Row> tagged = (adaptive.isEmpty() ? oneShot
        : oneShot.union(AdaptiveSearchStage.tagged(context, cases, adaptive))).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      // One pass over the persisted output for every count (it also materialises the cache the writes reuse).
      Row c =
          tagged
              .agg(
                  kindCount(Kind.PROBE),
                  kindCount(Kind.REJECT),
                  kindCount(Kind.LINEAGE),
                  kindCount(Kind.ROUND),
                  functions.countDistinct(
                      functions.col(Kind.LINEAGE.tag() + "." + ImageLineageTable.IMAGE_SHA256.name())))
              .first();
      long probes = c.getLong(0);
      long rejects = c.getLong(1);
      long lineage = c.getLong(2);
      long nodes = c.getLong(3);
      long images = c.getLong(4);
      long searches = applicable(adaptive) * AdaptiveSearchStage.targets(context);
      long expected = applicable(specs) + searches;
      if (probes + rejects != expected) {
        throw new IllegalStateException(
            "Cannot reconcile attack counts: probes " + probes + " + rejects " + rejects + " != " + expected);
      }
      context.tables().write(part(tagged, Kind.PROBE), ProbesTable.INSTANCE);
      context.tables().write(part(tagged, Kind.LINEAGE), ImageLineageTable.INSTANCE);
      context.tables()
          .writePartition(part(tagged, Kind.REJECT), RejectsTable.INSTANCE, RejectsTable.STAGE, AttackRows.STAGE);
      if (!adaptive.isEmpty()) {
        context.tables().write(part(tagged, Kind.ROUND), AttackRoundsTable.INSTANCE);
      }
      Map<String, Long> counts = new HashMap<>(
          Map.of("probes", probes, "rejects", rejects, "lineage", lineage, "images", images, "expected", expected));
      if (!adaptive.isEmpty()) {
        counts.putAll(Map.of("searches", searches, "search_nodes", nodes));
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              "attacks: %d probes, %d rejects (= %d case x attack pairs), %d distinct generated images",
              probes, rejects, expected, images));
      if (!adaptive.isEmpty()) {
        lines.add(String.format("adaptive attacks: %d searches (case x attack x model under test), %d nodes in"
            + " attack_rounds", searches, nodes));
      }
      return new Result(Map.copyOf(counts), List.copyOf(lines));
    } finally {
      tagged.unpersist();
    }
  }

  private static org.apache.spark.sql.Column kindCount(Kind kind) {
    return functions.count(functions.when(functions.col(AttackRows.KIND).equalTo(kind.tag()), 1));
  }

  private static Dataset<Row> part(Dataset<Row> tagged, Kind kind) {
    return tagged.where(functions.col(AttackRows.KIND).equalTo(kind.tag())).select(kind.tag() + ".*");
  }

  /** Sum over attacks of the cases each applies to (by benchmark, variant and whether the case has an image). */
  private long applicable(List<AttackSpec> specs) {
    List<AttackScope> scopes = specs.stream().map(AttackScope::of).toList();
    long total = 0;
    org.apache.spark.sql.Column hasImage = functions.col(CasesTable.IMAGE_URI.name()).isNotNull().as("has_image");
    for (Row r : input.groupBy(functions.col(SharedColumns.BENCHMARK.name()), functions.col(SharedColumns.VARIANT.name()),
        hasImage).count().collectAsList()) {
      for (AttackScope scope : scopes) {
        if (scope.applies(r.getString(0), r.isNullAt(1) ? null : r.getString(1), r.getBoolean(2))) {
          total += r.getLong(3);
        }
      }
    }
    return total;
  }

  private Map<String, String> hadoopConf() {
    Map<String, String> conf = new HashMap<>();
    context.spark().sparkContext().hadoopConfiguration().forEach(e -> conf.put(e.getKey(), e.getValue()));
    return conf;
  }

  /** Counts of what the job wrote: probes, rejects, lineage, images (distinct), expected (case x attack pairs). */
  public record Result(java.util.Map<String, Long> counts, java.util.List<String> summaryLines)
      implements StageResult {}
}
