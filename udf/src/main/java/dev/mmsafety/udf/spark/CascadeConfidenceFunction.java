package dev.mmsafety.udf.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.mmsafety.udf.common.CanonicalJson;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.judge.JudgeCallers;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Judges;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The first pass of a cascade whose cut is a target ({@code max-llm-share}, {@code target-agreement}): the
 * classifier's confidence for every judgeable response of one partition, in batches, so the driver can turn the
 * target into a threshold before the cascade itself runs. Input rows are those {@link JudgeRowsFunction} reads.
 */
public final class CascadeConfidenceFunction implements MapPartitionsFunction<Row, Double> {
  static final int BATCH = 64;
  private static final Map<String, CascadeJudge> CASCADES = new ConcurrentHashMap<>();

  private final String specJson;
  private final String poolJson;
  private final String helpersJson;

  public CascadeConfidenceFunction(JudgeSpec cascade, List<JudgeSpec> pool, List<ModelSpec> helpers) {
    this.specJson = CanonicalJson.write(cascade);
    this.poolJson = CanonicalJson.write(pool);
    this.helpersJson = InferenceSpecs.write(helpers);
  }

  @Override
  public Iterator<Double> call(Iterator<Row> rows) {
    CascadeJudge cascade = CASCADES.computeIfAbsent(specJson + poolJson + helpersJson, k -> create());
    List<Double> out = new ArrayList<>();
    List<JudgeInput> batch = new ArrayList<>(BATCH);
    while (rows.hasNext()) {
      JudgeInput input = JudgeRowsFunction.input(rows.next());
      if (input.responseOk()) {
        batch.add(input);
      }
      if (!batch.isEmpty() && (batch.size() == BATCH || !rows.hasNext())) {
        cascade.first().assess(batch).forEach(a -> out.add(cascade.confidence(a)));
        batch.clear();
      }
    }
    return out.iterator();
  }

  private CascadeJudge create() {
    try {
      JudgeSpec spec = CanonicalJson.mapper().readValue(specJson, JudgeSpec.class);
      List<JudgeSpec> pool = CanonicalJson.mapper().readValue(poolJson, new TypeReference<List<JudgeSpec>>() {});
      // No model is called: the cascade's second judge only makes its client on first use.
      return (CascadeJudge) Judges.createAll(List.of(spec), pool,
          new Judges.Resources(JudgeCallers.SHARED_CLIENT, InferenceSpec.DEFAULT, null,
              InferenceSpecs.models(helpersJson))).get(spec.name());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
