package dev.mmsafety.jobs;

import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.RejectsTable;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.image.HadoopConf;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.image.ImageLimits;
import dev.mmsafety.udf.image.ImageStore;
import dev.mmsafety.udf.ingest.Benchmarks;
import dev.mmsafety.udf.ingest.CaseDraft;
import dev.mmsafety.udf.ingest.IngestReject;
import dev.mmsafety.udf.ingest.LoadResult;
import dev.mmsafety.udf.ingest.PartitionPlanner;
import dev.mmsafety.udf.ingest.Taxonomy;
import dev.mmsafety.udf.spark.IngestImagesFunction;
import dev.mmsafety.udf.spark.IngestOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Loads datasets into {@code cases} (+ {@code rejects}, stage ingest). Issue #3.
 *
 * <p>The driver reads each dataset's metadata with its loader ({@link Benchmarks}) into case drafts (text only,
 * no image bytes). Drafts are dealt to {@code partitions} tasks balanced by estimated work (image bytes + a
 * per-row cost, {@link PartitionPlanner}) with one small shuffle of the drafts; executors then read and validate
 * the images through Hadoop FS ({@link IngestImagesFunction}) and emit one row per item, a case or a reject.
 * The result is persisted once so writing both tables and counting read the images once. Parallelism: {@link
 * RunContext#partitions()} unless {@link #partitions(int)} overrides it.
 */
public final class IngestCasesJob extends StageJob<IngestCasesJob> {
  public static final String JOB_GROUP = "INGEST-CASES";
  public static final Result EMPTY_RESULT = new Result(Map.of("rows_read", 0L, "cases", 0L, "rejects", 0L), List.of());

  private String reuseFrom;
  private String reuseDate;
  private List<DatasetSpec> datasets;
  private Integer limit;
  private Integer partitions;

  IngestCasesJob(RunContext context) {
    super(context);
    this.datasets = context.config().datasets();
  }

  /** Datasets to load (default: the run config's). */
  public IngestCasesJob datasets(List<DatasetSpec> specs) {
    if (specs == null) {
      throw new IllegalArgumentException("Invalid datasets: null");
    }
    return set(() -> datasets = List.copyOf(specs));
  }

  /** At most this many items per dataset (overrides each dataset's own limit when smaller). */
  public IngestCasesJob limit(int perDataset) {
    if (perDataset <= 0) {
      throw new IllegalArgumentException("Invalid limit: " + perDataset);
    }
    return set(() -> limit = perDataset);
  }

  /** Partitions for the image stage (default: the run's spark.partitions). */
  public IngestCasesJob partitions(int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("Invalid partitions: " + count);
    }
    return set(() -> partitions = count);
  }

  /**
   * Nightly: datasets whose content hash equals the one recorded in this earlier run's cases are not read again;
   * their cases and ingest rejects are carried over under this run's id (no image is re-validated).
   */
  public IngestCasesJob reuseUnchangedFrom(String previousRunId, String previousRunDate) {
    this.reuseFrom = previousRunId;
    return set(() -> reuseDate = previousRunDate);
  }

  /** The earlier run's partition only: this run's own partition is being replaced while the plan runs. */
  private Dataset<Row> previous(dev.mmsafety.schemas.TableContract table) {
    return new dev.mmsafety.jobs.io.TableIO(context.spark(), context.outputRoot(), reuseDate)
        .readRun(table, reuseFrom);
  }

  public Result execute() {
    if (datasets.isEmpty()) {
      return EMPTY_RESULT;
    }
    return context.inJobGroup(JOB_GROUP, "Ingest " + datasets.size() + " dataset(s)", () -> {
      List<LoadResult> loaded = loadAll();
      Map<String, String> reused = unchangedSincePrevious(loaded);
      List<LoadResult> fresh = loaded.stream().filter(r -> !reused.containsKey(r.dataset())).toList();
      Dataset<Row> out = withReused(runImageStage(fresh), reused).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Dataset<Row> cases = out.where(functions.col(IngestOutput.CASE).isNotNull()).select(IngestOutput.CASE + ".*");
        Dataset<Row> rejects = out.where(functions.col(IngestOutput.REJECT).isNotNull()).select(IngestOutput.REJECT + ".*");
        // Counted before writing: a dataset left with no case after its images were read fails with nothing written.
        Result result = summarize(loaded, out);
        context.tables().write(cases, CasesTable.INSTANCE);
        context.tables().writePartition(rejects, RejectsTable.INSTANCE, RejectsTable.STAGE, IngestOutput.STAGE);
        if (reused.isEmpty()) {
          return result;
        }
        Map<String, Long> counts = new LinkedHashMap<>(result.counts());
        counts.put("reused_datasets", (long) reused.size());
        List<String> lines = new ArrayList<>(result.summaryLines());
        lines.add("carried over unread (content hash unchanged since run " + reuseFrom + "): "
            + new java.util.TreeSet<>(reused.keySet()));
        return new Result(counts, lines);
      } finally {
        out.unpersist();
      }
    });
  }

  /** Dataset name -> previous run id, for datasets whose content hash did not change since that run. */
  private Map<String, String> unchangedSincePrevious(List<LoadResult> loaded) {
    Map<String, String> reused = new HashMap<>();
    if (reuseFrom == null) {
      return reused;
    }
    Dataset<Row> previous;
    try {
      previous = previous(CasesTable.INSTANCE);
      Map<String, String> hashes = new HashMap<>();
      for (Row r : previous.select("dataset", "dataset_hash").distinct().collectAsList()) {
        hashes.put(r.getString(0), r.getString(1));
      }
      for (LoadResult r : loaded) {
        if (r.datasetHash() != null && r.datasetHash().equals(hashes.get(r.dataset()))) {
          reused.put(r.dataset(), reuseFrom);
        }
      }
    } catch (RuntimeException e) {
      // No readable earlier cases (first night, or another layout): everything is read fresh.
      reused.clear();
    }
    return reused;
  }

  /** Adds the carried-over cases and ingest rejects of unchanged datasets, re-stamped with this run's id. */
  private Dataset<Row> withReused(Dataset<Row> fresh, Map<String, String> reused) {
    if (reused.isEmpty()) {
      return fresh;
    }
    Object[] names = reused.keySet().toArray();
    Dataset<Row> cases =
        previous(CasesTable.INSTANCE)
            .where(functions.col("dataset").isin(names))
            .withColumn("run_id", functions.lit(context.runId()))
            .withColumn("run_date", functions.lit(context.runDate()));
    Dataset<Row> rejects =
        previous(RejectsTable.INSTANCE)
            .where(functions.col("dataset").isin(names).and(functions.col("stage").equalTo(IngestOutput.STAGE)))
            .withColumn("run_id", functions.lit(context.runId()))
            .withColumn("run_date", functions.lit(context.runDate()));
    org.apache.spark.sql.types.DataType caseType = IngestOutput.SCHEMA.apply(IngestOutput.CASE).dataType();
    org.apache.spark.sql.types.DataType rejectType = IngestOutput.SCHEMA.apply(IngestOutput.REJECT).dataType();
    Dataset<Row> caseRows =
        dev.mmsafety.jobs.io.TableIO.conform(cases, CasesTable.INSTANCE)
            .select(functions.struct(functions.col("*")).as(IngestOutput.CASE),
                functions.lit(null).cast(rejectType).as(IngestOutput.REJECT));
    Dataset<Row> rejectRows =
        dev.mmsafety.jobs.io.TableIO.conform(rejects, RejectsTable.INSTANCE)
            .select(functions.lit(null).cast(caseType).as(IngestOutput.CASE),
                functions.struct(functions.col("*")).as(IngestOutput.REJECT));
    return fresh.unionByName(caseRows.select(fresh.columns()[0], fresh.columns()[1]))
        .unionByName(rejectRows.select(fresh.columns()[0], fresh.columns()[1]));
  }

  private List<LoadResult> loadAll() {
    var conf = context.spark().sparkContext().hadoopConfiguration();
    ImageStore store = new ImageStore(context.outputRoot(), new HadoopConf(conf));
    Taxonomy taxonomy = Taxonomy.load();
    List<LoadResult> results = new ArrayList<>();
    for (DatasetSpec spec : datasets) {
      DatasetSpec effective =
          limit == null || (spec.limit() != null && spec.limit() <= limit)
              ? spec
              : new DatasetSpec(spec.name(), spec.benchmark(), spec.path(), limit, spec.options());
      results.add(Benchmarks.load(effective, conf, store, taxonomy));
    }
    return results;
  }

  private Dataset<Row> runImageStage(List<LoadResult> loaded) {
    List<CaseDraft> drafts = new ArrayList<>();
    List<Row> early = new ArrayList<>();
    Map<String, String> hashes = new HashMap<>();
    Map<String, ImageLimits> limits = new HashMap<>();
    for (LoadResult r : loaded) {
      drafts.addAll(withSizes(r));
      hashes.put(r.dataset(), r.datasetHash());
      for (IngestReject reject : r.rejects()) {
        early.add(IngestOutput.ofReject(reject, context.runId(), context.runDate()));
      }
    }
    for (DatasetSpec spec : datasets) {
      try {
        limits.put(spec.name(), ImageLimits.from(spec.options()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("Cannot ingest " + spec.name() + ": " + e.getMessage());
      }
    }
    int n = partitions != null ? partitions : context.partitions();
    int[] assigned = PartitionPlanner.assign(drafts, n);
    List<Tuple2<Integer, CaseDraft>> keyed = new ArrayList<>(drafts.size());
    for (int i = 0; i < assigned.length; i++) {
      keyed.add(new Tuple2<>(assigned[i], drafts.get(i)));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context.spark().sparkContext());
    JavaRDD<CaseDraft> planned =
        JavaPairRDD.fromJavaRDD(jsc.parallelize(keyed, n)).partitionBy(new IndexPartitioner(n)).values();
    JavaRDD<Row> rows =
        planned.mapPartitions(
            new IngestImagesFunction(
                HadoopImageLoader.of(context.spark()), limits, hashes, context.runId(), context.runDate()));
    Dataset<Row> fromImages = context.spark().createDataFrame(rows, IngestOutput.SCHEMA);
    return fromImages.unionAll(context.spark().createDataFrame(early, IngestOutput.SCHEMA));
  }

  /** Fills each draft's image size from one listing per image folder, for balancing. */
  private List<CaseDraft> withSizes(LoadResult r) {
    List<String> uris = r.drafts().stream().filter(d -> d.imageUri() != null && d.estimatedBytes() == 0).map(CaseDraft::imageUri).toList();
    if (uris.isEmpty()) {
      return r.drafts();
    }
    Map<String, Long> sizes = sizesOf(uris);
    return r.drafts().stream()
        .map(d -> d.imageUri() == null || d.estimatedBytes() > 0 ? d : d.withEstimatedBytes(sizes.getOrDefault(d.imageUri(), 0L)))
        .toList();
  }

  private Map<String, Long> sizesOf(List<String> uris) {
    Map<String, Long> sizes = new HashMap<>();
    var conf = context.spark().sparkContext().hadoopConfiguration();
    java.util.Set<String> parents = new java.util.TreeSet<>();
    for (String uri : uris) {
      parents.add(uri.substring(0, Math.max(0, uri.lastIndexOf('/'))));
    }
    for (String parent : parents) {
      try {
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(parent);
        for (var status : dir.getFileSystem(conf).listStatus(dir)) {
          sizes.put(status.getPath().toString(), status.getLen());
        }
      } catch (java.io.IOException | IllegalArgumentException e) {
        // Missing folder: the image stage rejects those rows with image_missing.
      }
    }
    return sizes;
  }

  private Result summarize(List<LoadResult> loaded, Dataset<Row> out) {
    Dataset<Row> facts =
        out.select(
            functions.coalesce(functions.col("case.dataset"), functions.col("reject.dataset")).as("dataset"),
            functions.col("reject.reason_code").as("reason"),
            functions.col("case.image_uri").isNotNull().as("paired"));
    Map<String, Map<String, Long>> byDataset = new LinkedHashMap<>();
    for (Row row : facts.groupBy("dataset", "reason", "paired").count().collectAsList()) {
      String key = row.isNullAt(1) ? (row.getBoolean(2) ? "cases_with_image" : "cases_text") : "rejected:" + row.getString(1);
      byDataset.computeIfAbsent(row.getString(0), k -> new TreeMap<>()).merge(key, row.getLong(3), Long::sum);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    long allRead = 0;
    long allCases = 0;
    long allRejects = 0;
    for (LoadResult r : loaded) {
      Map<String, Long> c = byDataset.getOrDefault(r.dataset(), Map.of());
      long withImage = c.getOrDefault("cases_with_image", 0L);
      long cases = withImage + c.getOrDefault("cases_text", 0L);
      Map<String, Long> reasons = new TreeMap<>();
      c.forEach((k, v) -> {
        if (k.startsWith("rejected:")) {
          reasons.put(k.substring("rejected:".length()), v);
        }
      });
      long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
      long wantedImage = r.drafts().stream().filter(d -> d.imageUri() != null).count();
      counts.put("rows_read:" + r.dataset(), r.rowsRead());
      counts.put("cases:" + r.dataset(), cases);
      counts.put("rejects:" + r.dataset(), rejected);
      counts.put("cases_with_image:" + r.dataset(), withImage);
      allRead += r.rowsRead();
      allCases += cases;
      allRejects += rejected;
      lines.add(String.format(
          "%s (%s): rows read %d, cases written %d, rejected %d%s, image-paired %d/%d (%s)",
          r.dataset(), r.benchmark(), r.rowsRead(), cases, rejected, reasons.isEmpty() ? "" : " " + reasons,
          withImage, wantedImage, wantedImage == 0 ? "text-only" : String.format("%.1f%%", 100.0 * withImage / wantedImage)));
      if (cases == 0) {
        throw r.noCases(reasons, firstReject(out, r.dataset()));
      }
      if (r.rowsRead() != cases + rejected) {
        throw new IllegalStateException(
            "Cannot reconcile ingest of " + r.dataset() + ": read " + r.rowsRead() + " != cases " + cases + " + rejects " + rejected);
      }
    }
    counts.put("rows_read", allRead);
    counts.put("cases", allCases);
    counts.put("rejects", allRejects);
    return new Result(counts, lines);
  }

  /** The first reject of a dataset by source row, for the no-cases error. */
  private static IngestReject firstReject(Dataset<Row> out, String dataset) {
    Row first = out.where(functions.col("reject.dataset").equalTo(dataset))
        .select("reject.source_file", "reject.source_row", "reject.field", "reject.reason_code", "reject.reason")
        .orderBy("source_file", "source_row").limit(1).collectAsList().stream().findFirst().orElse(null);
    return first == null ? null : new IngestReject(null, dataset, first.getString(0), first.getString(1),
        first.getString(2), first.getString(3), first.getString(4), null);
  }

  /** Sends key i to partition i: the planner already decided. */
  static final class IndexPartitioner extends Partitioner {
    private final int partitions;

    IndexPartitioner(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IndexPartitioner p && p.partitions == partitions;
    }

    @Override
    public int hashCode() {
      return partitions;
    }
  }

  /**
   * Counts of what the job wrote: rows_read, cases, rejects, and per dataset {@code rows_read:<name>},
   * {@code cases:<name>}, {@code rejects:<name>}, {@code cases_with_image:<name>}; one summary line per dataset.
   */
  public record Result(Map<String, Long> counts, List<String> summaryLines)
      implements StageResult {}
}
