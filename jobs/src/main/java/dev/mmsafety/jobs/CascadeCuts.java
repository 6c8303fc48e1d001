package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.judge.Judge;
import dev.mmsafety.udf.judge.cascade.CascadeJudge;
import dev.mmsafety.udf.judge.classifier.ClassifierJudge;
import dev.mmsafety.udf.judge.classifier.EncoderPreflight;
import dev.mmsafety.udf.spark.CascadeConfidenceFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Driver-side steps the judge stage takes for offline judges before any judging task: the encoder preflight
 * (native library folders, one-line errors) and, for each cascade whose cut is a target, one pass of the
 * classifier over the responses to turn the target into a threshold ({@code resolved-threshold}).
 */
final class CascadeCuts {
  private CascadeCuts() {}

  /** Checks every classifier's (and cascade's classifier's) encoder can load on this JVM. */
  static void preflightEncoders(Map<String, Judge> judges) {
    for (Judge j : judges.values()) {
      ClassifierJudge classifier = j instanceof ClassifierJudge c ? c : j instanceof CascadeJudge k ? k.first() : null;
      if (classifier != null) {
        EncoderPreflight.check(j.name(), classifier.model().encoder());
      }
    }
  }

  /** {@code specs} with a resolved threshold for every targeted cascade; the same list when there is none. */
  static List<JudgeSpec> resolve(
      Dataset<Row> responses, List<JudgeSpec> specs, List<JudgeSpec> pool, List<ModelSpec> helpers,
      Map<String, Judge> judges) {
    if (judges.values().stream().noneMatch(j -> j instanceof CascadeJudge c && c.needsResolution())) {
      return specs;
    }
    List<JudgeSpec> out = new ArrayList<>();
    for (JudgeSpec spec : specs) {
      if (judges.get(spec.name()) instanceof CascadeJudge cascade && cascade.needsResolution()) {
        List<Double> confidences =
            responses.mapPartitions(new CascadeConfidenceFunction(spec, pool, helpers), Encoders.DOUBLE()).collectAsList();
        double threshold = cascade.cut().resolve(confidences.stream().mapToDouble(Double::doubleValue).toArray());
        Map<String, Object> params = new LinkedHashMap<>(spec.params());
        params.put("resolved-threshold", threshold);
        out.add(new JudgeSpec(spec.name(), spec.type(), params));
      } else {
        out.add(spec);
      }
    }
    return out;
  }
}
