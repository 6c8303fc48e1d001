package dev.mmsafety.jobs;

import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.attack.adaptive.JudgeScorer;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.InferenceSpec;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.ModelSpec;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.spark.AdaptiveSearchFunction;
import dev.mmsafety.udf.spark.AttackRows;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The adaptive attacks (pair, tap) of the attack stage: one search per case x adaptive attack x model under test,
 * run by {@link AdaptiveSearchFunction} on the executors, as tagged rows ({@link AttackRows#SCHEMA}) the attack
 * stage writes with the one-shot attacks' (probes, image_lineage, rejects) plus attack_rounds. The attacker and
 * evaluator are helpers, reached like every model through the one client, the response cache and their budgets; a
 * scorer judge's model calls go through the same cached callers.
 */
final class AdaptiveSearchStage {
  private AdaptiveSearchStage() {}

  /**
   * The config's adaptive attacks, each checked (params, PAIR's fixed structure, a scorer naming one of
   * {@code judges}) on the driver.
   */
  static List<AttackSpec> adaptive(List<AttackSpec> specs, List<JudgeSpec> judges) {
    List<AttackSpec> out = new ArrayList<>();
    for (AttackSpec s : specs) {
      if (AdaptiveAttacks.isAdaptive(s.name())) {
        JudgeScorer.checkDeclared(AdaptiveAttacks.create(s.label(), s.name(), s.params()), s.label(), judges);
        out.add(s);
      }
    }
    return out;
  }

  /** Tagged rows of every search over {@code cases}. */
  static Dataset<Row> tagged(RunContext context, Dataset<Row> cases, List<AttackSpec> adaptive) {
    InferenceSpec inference = context.config().inference();
    List<String> notes = new ArrayList<>();
    List<ModelSpec> targets = GenerateResponsesJob.withServerRevisions(context.config().models(), inference, notes);
    List<ModelSpec> helpers = GenerateResponsesJob.withServerRevisions(context.config().helpers(), inference, notes);
    SparkContext sc = context.spark().sparkContext();
    AdaptiveSearchFunction.Task task = AdaptiveSearchFunction.Task.of(adaptive, context.config().judges(), targets, helpers, inference,
        context.seed(), context.runId(), context.runDate(), context.outputRoot(),
        context.runId() + "-search-" + UUID.randomUUID().toString().substring(0, 8),
        GenerateResponsesJob.jvmShare(sc), new HadoopImageLoader(sc.hadoopConfiguration()));
    return cases.mapPartitions(new AdaptiveSearchFunction(task), Encoders.row(AttackRows.SCHEMA));
  }

  /** Searches the cases make: those an adaptive attack applies to, once per model under test. */
  static int targets(RunContext context) {
    return context.config().models().size();
  }
}
