package dev.mmsafety.udf.spark;

import dev.mmsafety.udf.image.HadoopImageLoader;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.SharedColumns;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.JudgeWindow;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Judges one partition of (response x judge) rows into judgments rows. Input rows carry the response columns, the
 * judge name ({@link #JUDGE_COL}), the judging context ({@link #QUESTION_COL}, {@link #IMAGE_COL},
 * {@link #CONTEXT_COL}) and, on a cache hit, the cached verdict ({@link #CACHED_PREFIX}*). Calls run in a bounded,
 * order-preserving window; judges are created once per executor JVM and config.
 */
public final class JudgeRowsFunction implements MapPartitionsFunction<Row, Row> {
  public static final String JUDGE_COL = "_judge";
  public static final String QUESTION_COL = "_question";
  public static final String IMAGE_COL = "_image_uri";
  public static final String CONTEXT_COL = "_context";
  public static final String CACHED_PREFIX = "cached_";

  private static final Map<String, Map<String, Judge>> JUDGES = new ConcurrentHashMap<>();

  private final String specsJson;
  private final String poolJson;
  private final String helpersJson;
  private final String inferenceJson;
  private final JudgeCallers callers;
  private final String runId;
  private final String runDate;

  public JudgeRowsFunction(
      List<JudgeSpec> specs, List<JudgeSpec> pool, List<ModelSpec> helpers, InferenceSpec inference,
      JudgeCallers callers, String runId, String runDate) {
    this.specsJson = CanonicalJson.write(specs);
    this.poolJson = CanonicalJson.write(pool);
    this.helpersJson = InferenceSpecs.write(helpers);
    this.inferenceJson = CanonicalJson.write(inference);
    this.callers = callers;
    this.runId = runId;
    this.runDate = runDate;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Map<String, Judge> judges = JUDGES.computeIfAbsent(
        specsJson + poolJson + helpersJson + callers.getClass().getName(), k -> create());
    int window = inference().window();
    return new JudgeWindow<>(rows, row -> judgeRow(row, judges), window);
  }

  private CompletableFuture<Row> judgeRow(Row row, Map<String, Judge> judges) {
    Judge judge = judges.get(row.<String>getAs(JUDGE_COL));
    if (!row.isNullAt(row.fieldIndex(CACHED_PREFIX + "status"))) {
      return CompletableFuture.completedFuture(toRow(row, judge, cached(row), true));
    }
    JudgeInput input =
        new JudgeInput(
            SharedColumns.RESPONSE_ID.getString(row),
            SharedColumns.STATUS.getString(row),
            ResponsesTable.TEXT.getString(row),
            SharedColumns.POLARITY.getString(row),
            SharedColumns.BENCHMARK.getString(row),
            SharedColumns.NATIVE_CATEGORY.getString(row),
            row.getAs(QUESTION_COL),
            row.getAs(IMAGE_COL),
            row.isNullAt(row.fieldIndex(CONTEXT_COL)) ? Map.of() : row.getJavaMap(row.fieldIndex(CONTEXT_COL)));
    return judge.judge(input).thenApply(v -> toRow(row, judge, v, false));
  }

  private Row toRow(Row source, Judge judge, Verdict v, boolean cacheHit) {
    String responseId = SharedColumns.RESPONSE_ID.getString(source);
    return JudgmentsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(SharedColumns.RUN_DATE, runDate)
        .set(JudgmentsTable.JUDGMENT_ID, Hashing.shortId(responseId, judge.name(), judge.templateHash()))
        .set(SharedColumns.JUDGE, judge.name())
        .set(JudgmentsTable.JUDGE_KIND, judge.kind())
        .set(JudgmentsTable.JUDGE_VERSION, judge.version())
        .set(JudgmentsTable.TEMPLATE_HASH, judge.templateHash())
        .set(JudgmentsTable.RESPONSE_STATUS, SharedColumns.STATUS.getString(source))
        .set(SharedColumns.STATUS, v.status())
        .set(SharedColumns.ERROR, Verdict.Status.ERROR.equals(v.status()) ? v.reason() : null)
        .set(JudgmentsTable.VERDICT, v.verdict())
        .set(JudgmentsTable.REFUSED, v.refused())
        .set(JudgmentsTable.UNSAFE, v.unsafe())
        .set(JudgmentsTable.EFFECTIVE, v.effective())
        .set(JudgmentsTable.SCORE, v.score())
        .set(JudgmentsTable.MATCHED, v.matched())
        .set(JudgmentsTable.CATEGORIES, v.categories() == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(
            v.categories()).toSeq())
        .set(JudgmentsTable.CACHE_HIT, cacheHit)
        .set(JudgmentsTable.REASON, v.reason())
        .copyFrom(source)
        .build();
  }

  private static Verdict cached(Row row) {
    List<String> categories =
        row.isNullAt(row.fieldIndex(CACHED_PREFIX + "categories")) ? null
            : row.getList(row.fieldIndex(CACHED_PREFIX + "categories"));
    return new Verdict(
        row.getAs(CACHED_PREFIX + "status"), row.getAs(CACHED_PREFIX + "verdict"),
        row.getAs(CACHED_PREFIX + "refused"), row.getAs(CACHED_PREFIX + "unsafe"),
        row.getAs(CACHED_PREFIX + "effective"), row.getAs(CACHED_PREFIX + "score"),
        row.getAs(CACHED_PREFIX + "matched"), categories, row.getAs(CACHED_PREFIX + "reason"));
  }

  private Map<String, Judge> create() {
    try {
      TypeReference<List<JudgeSpec>> type = new TypeReference<>() {};
      List<JudgeSpec> specs = CanonicalJson.mapper().readValue(specsJson, type);
      List<JudgeSpec> pool = CanonicalJson.mapper().readValue(poolJson, type);
      return Judges.createAll(specs, pool, new Judges.Resources(callers, inference(), HadoopImageLoader.local(),
          InferenceSpecs.models(helpersJson)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private InferenceSpec inference() {
    try {
      return CanonicalJson.mapper().readValue(inferenceJson, InferenceSpec.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
