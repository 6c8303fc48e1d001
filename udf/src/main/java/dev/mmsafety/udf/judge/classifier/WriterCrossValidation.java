package dev.mmsafety.udf.judge.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The offline judge's validation protocol: leave-one-writer-out cross-validation over the training files. For each
 * writer, a head is trained on the other writers' rows and scores that writer's rows (out-of-fold logits), which
 * mimics the held-out set: answers by another writer, in another voice. A fold's logits are calibrated by Platt
 * scaling fitted on the other folds' out-of-fold logits, so no probability is calibrated on its own writer. Every
 * choice of the offline judge (encoder, features, L2, calibration, the cascade's cut) is made on these figures;
 * the held-out set plays no part.
 */
public final class WriterCrossValidation {
  private WriterCrossValidation() {}

  /**
   * One head's out-of-fold results.
   *
   * @param rows the rows the head is asked about (every row for refused, harmful-polarity rows for harmful)
   * @param logits out-of-fold logits, one per row
   * @param probabilities out-of-fold calibrated probabilities (Platt fitted on the other folds)
   * @param writers the folds, in order
   * @param folds scores of each fold's rows
   * @param pooled scores over all rows
   */
  public record Head(List<JudgeExample> rows, List<Boolean> labels, double[] logits, double[] probabilities,
      List<String> writers, List<BinaryScores> folds, BinaryScores pooled) {
    /** Platt's parameters fitted on every out-of-fold logit: the shipped head's calibration. */
    public double[] platt() {
      return LogisticHead.platt(logits, labels);
    }

    /** Whether the out-of-fold verdict on row {@code i} (calibrated p >= 0.5) agrees with its label. */
    public boolean right(int i) {
      return (probabilities[i] >= 0.5) == labels.get(i);
    }
  }

  /** Both heads of one candidate, each with its feature blocks, learner and L2. */
  public record Result(EncoderModel encoder, Set<Features.Block> refusedBlocks, Set<Features.Block> harmfulBlocks,
      Learner learnerRefused, Learner learnerHarmful, double l2Refused, double l2Harmful, Head refused,
      Head harmful) {}

  public static Result run(EncoderModel encoder, Set<Features.Block> refusedBlocks,
      Set<Features.Block> harmfulBlocks, Learner learnerRefused, Learner learnerHarmful, double l2Refused,
      double l2Harmful, OfflineJudgeTrainer.Embeddings all) {
    Head refused = head(refusedBlocks, learnerRefused, l2Refused, all, e -> true, JudgeExample::refused);
    Head harmful =
        head(harmfulBlocks, learnerHarmful, l2Harmful, all, JudgeExample::harmfulPolarity, JudgeExample::harmful);
    return new Result(encoder, refusedBlocks, harmfulBlocks, learnerRefused, learnerHarmful, l2Refused, l2Harmful,
        refused, capped(harmful, refused));
  }

  /** The harmful head's out-of-fold probabilities as the judge reports them: capped by 1 - p(refused). */
  private static Head capped(Head harmful, Head refused) {
    java.util.Map<String, Double> pRefused = new java.util.HashMap<>();
    for (int i = 0; i < refused.rows().size(); i++) {
      pRefused.put(refused.rows().get(i).id(), refused.probabilities()[i]);
    }
    double[] p = new double[harmful.rows().size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = OfflineJudgeModel.capHarmful(harmful.probabilities()[i], pRefused.get(harmful.rows().get(i).id()));
    }
    return scored(harmful.rows(), harmful.labels(), harmful.logits(), p, harmful.writers());
  }

  static Head head(Set<Features.Block> blocks, Learner learner, double l2, OfflineJudgeTrainer.Embeddings all,
      Predicate<JudgeExample> asked, Predicate<JudgeExample> label) {
    OfflineJudgeTrainer.Embeddings e = all.where(asked);
    List<double[]> xs = e.features(blocks);
    List<Boolean> ys = e.rows().stream().map(label::test).toList();
    List<String> writers = List.copyOf(new TreeSet<>(e.rows().stream().map(JudgeExample::writer).toList()));
    double[] logits = new double[ys.size()];
    for (String w : writers) {
      List<Integer> in = indexes(e.rows(), r -> !r.writer().equals(w));
      dev.mmsafety.udf.judge.classifier.Head fold = learner.train(pick(xs, in), pick(ys, in), l2);
      for (int i : indexes(e.rows(), r -> r.writer().equals(w))) {
        logits[i] = fold.logit(xs.get(i));
      }
    }
    double[] probabilities = new double[ys.size()];
    for (String w : writers) {
      List<Integer> out = indexes(e.rows(), r -> r.writer().equals(w));
      List<Integer> others = indexes(e.rows(), r -> !r.writer().equals(w));
      double[] platt = LogisticHead.platt(others.stream().mapToDouble(i -> logits[i]).toArray(), pick(ys, others));
      for (int i : out) {
        probabilities[i] = LogisticHead.sigmoid(platt[0] * logits[i] + platt[1]);
      }
    }
    return scored(e.rows(), ys, logits, probabilities, writers);
  }

  private static Head scored(List<JudgeExample> rows, List<Boolean> ys, double[] logits, double[] probabilities,
      List<String> writers) {
    List<BinaryScores> folds = new ArrayList<>();
    for (String w : writers) {
      List<Integer> out = indexes(rows, r -> r.writer().equals(w));
      folds.add(scores(pick(ys, out), out.stream().map(i -> probabilities[i]).toList()));
    }
    List<Double> pooled = new ArrayList<>();
    for (double p : probabilities) {
      pooled.add(p);
    }
    return new Head(rows, ys, logits, probabilities, writers, folds, scores(ys, pooled));
  }

  private static BinaryScores scores(List<Boolean> ys, List<Double> p) {
    return BinaryScores.of(p.stream().map(q -> q >= 0.5).toList(), ys, p);
  }

  private static List<Integer> indexes(List<JudgeExample> rows, Predicate<JudgeExample> keep) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (keep.test(rows.get(i))) {
        out.add(i);
      }
    }
    return out;
  }

  private static <T> List<T> pick(List<T> values, List<Integer> indexes) {
    return indexes.stream().map(values::get).toList();
  }
}
