package dev.mmsafety.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.report.ImageLinks;
import dev.mmsafety.udf.report.Redaction;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.SampleStrata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The sample browser's rows: a stratified sample of this run's responses ({@link SampleStrata}), with each one's
 * prompt and images (probes), variant (cases, unless responses carry it), answer and every verdict. Only the
 * stratum sizes and at most {@link SampleStrata#CAP} sampled rows reach the driver, whatever the run's size.
 */
public final class SampleReader {
  /** Optional columns shown with a sample when the tables have them (added by other stages' contracts). */
  static final List<String> RESPONSE_DETAILS = List.of("revision", "answer_channel", "reused_from_run_id");
  static final String VARIANT = SharedColumns.VARIANT.name();
  static final String REFUSED_BY = "refused_by";
  private static final List<String> STRATUM =
      List.of("model", "benchmark", "attack", "defense", "outcome", "disagreement");
  private static final UserDefinedFunction OUTCOME = org.apache.spark.sql.functions.udf(
      (UDF3<Long, Integer, Integer, String>) (ok, unsafe, refused) ->
          SampleStrata.outcome(ok == null ? 0 : ok, unsafe != null && unsafe > 0, refused != null && refused > 0),
      DataTypes.StringType);

  private final RunContext context;
  private final int maxPerCell;
  private final int cap;

  public SampleReader(RunContext context) {
    this(context, SampleStrata.MAX_PER_CELL, SampleStrata.CAP);
  }

  /** With another per-stratum maximum and cap (tests use small ones). */
  public SampleReader(RunContext context, int maxPerCell, int cap) {
    this.context = context;
    this.maxPerCell = maxPerCell;
    this.cap = cap;
  }

  public ReportData.SampleSet read() {
    Optional<Dataset<Row>> responses = OptionalTables.thisRun(context, ResponsesTable.INSTANCE);
    if (responses.isEmpty()) {
      return ReportData.SampleSet.NONE;
    }
    Optional<Dataset<Row>> judgments = OptionalTables.thisRun(context, JudgmentsTable.INSTANCE);
    Dataset<Row> strata = withOutcome(responses.get(), judgments).persist();
    try {
      return sample(strata, judgments);
    } finally {
      strata.unpersist();
    }
  }

  private ReportData.SampleSet sample(Dataset<Row> strata, Optional<Dataset<Row>> judgments) {
    org.apache.spark.sql.Column[] stratum =
        STRATUM.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    List<Long> sizes = strata.groupBy(stratum).agg(count("*").as("n")).collectAsList().stream()
        .map(r -> r.getLong(r.fieldIndex("n"))).toList();
    long total = sizes.stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return ReportData.SampleSet.NONE;
    }
    int perCell = SampleStrata.perCell(sizes, maxPerCell, cap);
    Dataset<Row> picked = strata
        .withColumn("rn", row_number().over(Window.partitionBy(stratum).orderBy(col("response_id"))))
        .where(col("rn").leq(perCell))
        .orderBy(concat(stratum, col("response_id")))
        .limit(cap);
    List<Row> rows = withPromptAndVariant(picked).collectAsList();
    Map<String, List<ReportData.Verdict>> verdicts = verdicts(judgments, picked);
    String root = qualified(context.outputRoot());
    boolean redact = context.config().report().redactSamples();
    List<ReportData.Sample> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(sample(r, verdicts.getOrDefault(r.<String>getAs("response_id"), List.of()), root, redact));
    }
    return new ReportData.SampleSet(total, perCell, cap, out);
  }

  /** One row per response with its outcome and whether its judges disagree. */
  private static Dataset<Row> withOutcome(Dataset<Row> responses, Optional<Dataset<Row>> judgments) {
    List<String> keep = new ArrayList<>(List.of("response_id", "probe_id", "case_id", "model", "benchmark",
        "dataset", "canonical_category", "polarity", "attack", "defense", "simulator", "status", "text",
        "text_sha256"));
    List<String> present = Arrays.asList(responses.columns());
    for (String optional : concatNames(List.of(VARIANT), RESPONSE_DETAILS)) {
      if (present.contains(optional)) {
        keep.add(optional);
      }
    }
    Dataset<Row> base = responses.select(keep.stream().map(org.apache.spark.sql.functions::col)
        .toArray(org.apache.spark.sql.Column[]::new));
    Dataset<Row> flags;
    if (judgments.isPresent()) {
      org.apache.spark.sql.Column ok = col("status").equalTo("ok");
      org.apache.spark.sql.Column unsafe = when(ok, col("unsafe").cast("int"));
      org.apache.spark.sql.Column refused = when(ok, col("refused").cast("int"));
      flags = judgments.get().groupBy(col("response_id").as("j_id"))
          .agg(sum(when(ok, 1).otherwise(0)).as("n_ok"), max(unsafe).as("any_unsafe"),
              min(unsafe).as("all_unsafe"), max(refused).as("any_refused"), min(refused).as("all_refused"));
    } else {
      flags = base.sparkSession().emptyDataFrame()
          .select(lit(null).cast("string").as("j_id"), lit(0L).as("n_ok"), lit(null).cast("int").as("any_unsafe"),
              lit(null).cast("int").as("all_unsafe"), lit(null).cast("int").as("any_refused"),
              lit(null).cast("int").as("all_refused"));
    }
    return base.join(flags, col("response_id").equalTo(col("j_id")), "left")
        .withColumn("outcome", OUTCOME.apply(col("n_ok").cast("long"), col("any_unsafe"), col("any_refused")))
        .withColumn("disagreement", col("any_unsafe").notEqual(col("all_unsafe"))
            .or(col("any_refused").notEqual(col("all_refused"))).and(col("n_ok").gt(1)))
        .na().fill(false, new String[] {"disagreement"})
        .drop("j_id", "all_unsafe", "all_refused");
  }

  private Dataset<Row> withPromptAndVariant(Dataset<Row> picked) {
    Dataset<Row> out = picked;
    Optional<Dataset<Row>> probes = OptionalTables.thisRun(context, ProbesTable.INSTANCE);
    if (probes.isPresent()) {
      out = out.join(probes.get().select(col("probe_id").as("p_id"), col("prompt_text"), col("image_uris")),
          col("probe_id").equalTo(col("p_id")), "left").drop("p_id");
    } else {
      out = out.withColumn("prompt_text", lit(null).cast("string"))
          .withColumn("image_uris", lit(null).cast(ProbesTable.IMAGE_URIS.type()));
    }
    if (!Arrays.asList(out.columns()).contains(VARIANT)) {
      // Case ids read benchmark:variant:native_id, so the id says the variant where no cases row does.
      org.apache.spark.sql.Column fromId = org.apache.spark.sql.functions.split(col("case_id"), ":", 3).getItem(1);
      Optional<Dataset<Row>> cases = OptionalTables.thisRun(context, CasesTable.INSTANCE);
      out = cases.isPresent()
          ? out.join(cases.get().select(col("case_id").as("c_id"), col(VARIANT).as("c_variant")),
                  col("case_id").equalTo(col("c_id")), "left")
              .withColumn(VARIANT, org.apache.spark.sql.functions.coalesce(col("c_variant"), fromId))
              .drop("c_id", "c_variant")
          : out.withColumn(VARIANT, fromId);
    }
    return out;
  }

  /** Every verdict of the picked responses, by response id, in judge order. */
  private static Map<String, List<ReportData.Verdict>> verdicts(Optional<Dataset<Row>> judgments,
      Dataset<Row> picked) {
    Map<String, List<ReportData.Verdict>> out = new HashMap<>();
    if (judgments.isEmpty()) {
      return out;
    }
    Dataset<Row> j = judgments.get();
    boolean refusedBy = Arrays.asList(j.columns()).contains(REFUSED_BY);
    Dataset<Row> ids = picked.select(col("response_id").as("pick_id"));
    List<Row> rows = j.join(org.apache.spark.sql.functions.broadcast(ids), col("response_id").equalTo(col("pick_id")))
        .select(col("response_id"), col("judge"), col("status"), col("verdict"), col("refused"), col("unsafe"),
            refusedBy ? col(REFUSED_BY) : lit(null).cast("string").as(REFUSED_BY), col("reason"), col("error"))
        .orderBy("response_id", "judge")
        .collectAsList();
    for (Row r : rows) {
      String reason = r.<String>getAs("reason") != null ? r.getAs("reason") : r.getAs("error");
      out.computeIfAbsent(r.getAs("response_id"), k -> new ArrayList<>()).add(new ReportData.Verdict(
          r.getAs("judge"), r.getAs("status"), r.getAs("verdict"), r.getAs("refused"), r.getAs("unsafe"),
          r.getAs(REFUSED_BY), reason));
    }
    return out;
  }

  private ReportData.Sample sample(Row r, List<ReportData.Verdict> verdicts, String root, boolean redact) {
    Object anyUnsafe = r.getAs("any_unsafe");
    String polarity = r.getAs("polarity");
    String status = r.getAs("status");
    Redaction.Answer answer = Redaction.answer(r.getAs("text"), r.getAs("text_sha256"), polarity,
        anyUnsafe != null && ((Number) anyUnsafe).intValue() > 0, redact);
    String note = answer.note();
    if (!"ok".equals(status) && answer.text() == null) {
      note = "No answer: the call ended with status " + status + ".";
    }
    List<ReportData.Image> images = new ArrayList<>();
    int index = r.fieldIndex("image_uris");
    if (!r.isNullAt(index)) {
      for (Object uri : r.getList(index)) {
        images.add(ImageLinks.link(root, qualified(String.valueOf(uri))));
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    for (String name : RESPONSE_DETAILS) {
      if (Arrays.asList(r.schema().fieldNames()).contains(name) && r.getAs(name) != null) {
        details.put(name, String.valueOf(r.<Object>getAs(name)));
      }
    }
    return new ReportData.Sample(r.getAs("response_id"), r.getAs("case_id"), r.getAs("model"), r.getAs("benchmark"), r.getAs("dataset"),
        r.getAs(VARIANT), r.getAs("canonical_category"), r.getAs("attack"), r.getAs("defense"), polarity,
        Boolean.TRUE.equals(r.getAs("simulator")), r.getAs("outcome"), Boolean.TRUE.equals(r.getAs("disagreement")),
        status, r.getAs("prompt_text"), images, answer.text(), answer.covered(), answer.chars(), note, verdicts,
        details);
  }

  /** A path or URI qualified against its file system, so image URIs and the output root compare as strings. */
  private String qualified(String pathOrUri) {
    Path p;
    try {
      p = new Path(pathOrUri);
    } catch (IllegalArgumentException e) {
      return pathOrUri; // not a path: shown as is, never linked
    }
    try {
      return p.getFileSystem(context.spark().sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + pathOrUri + ": " + e.getMessage(), e);
    }
  }

  private static org.apache.spark.sql.Column[] concat(org.apache.spark.sql.Column[] a, org.apache.spark.sql.Column b) {
    org.apache.spark.sql.Column[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  private static List<String> concatNames(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
