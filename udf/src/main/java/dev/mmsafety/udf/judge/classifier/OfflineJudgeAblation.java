package dev.mmsafety.udf.judge.classifier;

import dev.mmsafety.udf.common.Hashing;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The evidence behind the shipped encoder and feature blocks: every candidate is trained on the training split and
 * scored on the validation split only. Calibration is cross-fitted (Platt fitted on one half of the validation rows,
 * scored on the other, and the other way round), so the calibration error is not measured on the rows it was
 * fitted to. The held-out set plays no part.
 */
public final class OfflineJudgeAblation {
  /** The feature sets compared, in the order printed. */
  public static final List<Set<Features.Block>> FEATURE_SETS = List.of(
      EnumSet.of(Features.Block.WHOLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES),
      EnumSet.of(Features.Block.OPENING),
      EnumSet.of(Features.Block.OPENING, Features.Block.ENDING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.WHOLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.OPENING, Features.Block.ENDING, Features.Block.SIMILARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.QUESTION_X_OPENING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.BODY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.QUESTION_X_OPENING, Features.Block.BODY));

  private OfflineJudgeAblation() {}

  /** Validation figures of one candidate. */
  public record Result(String encoder, Set<Features.Block> blocks, double l2, BinaryScores refused,
      BinaryScores harmful) {}

  public static Result evaluate(EncoderModel encoder, Set<Features.Block> blocks, double l2,
      OfflineJudgeTrainer.Embeddings train, OfflineJudgeTrainer.Embeddings validation) {
    return new Result(encoder.name(), blocks, l2,
        score(blocks, l2, train, validation, e -> true, JudgeExample::refused),
        score(blocks, l2, train, validation, JudgeExample::harmfulPolarity, JudgeExample::harmful));
  }

  private static BinaryScores score(Set<Features.Block> blocks, double l2, OfflineJudgeTrainer.Embeddings train,
      OfflineJudgeTrainer.Embeddings validation, Predicate<JudgeExample> rows, Predicate<JudgeExample> label) {
    OfflineJudgeTrainer.Embeddings t = train.where(rows);
    LogisticHead raw = LogisticHead.train(t.features(blocks), t.rows().stream().map(label::test).toList(), l2,
        LogisticHead.EPOCHS_DEFAULT);
    OfflineJudgeTrainer.Embeddings v = validation.where(rows);
    List<double[]> xs = v.features(blocks);
    List<Boolean> ys = v.rows().stream().map(label::test).toList();
    List<Integer> halfA = new ArrayList<>();
    List<Integer> halfB = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      (Hashing.sha256Hex("calibration-fold", v.rows().get(i).id()).charAt(0) < '8' ? halfA : halfB).add(i);
    }
    Double[] p = new Double[ys.size()];
    for (List<List<Integer>> folds : List.of(List.of(halfA, halfB), List.of(halfB, halfA))) {
      LogisticHead head = raw.calibrated(pick(xs, folds.get(0)), pick(ys, folds.get(0)));
      for (int i : folds.get(1)) {
        p[i] = head.probability(xs.get(i));
      }
    }
    List<Double> probabilities = List.of(p);
    return BinaryScores.of(probabilities.stream().map(q -> q >= 0.5).toList(), ys, probabilities);
  }

  private static <T> List<T> pick(List<T> values, List<Integer> indexes) {
    return indexes.stream().map(values::get).toList();
  }
}
