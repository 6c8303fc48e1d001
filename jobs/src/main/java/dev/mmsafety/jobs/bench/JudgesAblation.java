package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.judge.cascade.CascadeCut;
import dev.mmsafety.udf.judge.classifier.AnswerText;
import dev.mmsafety.udf.judge.classifier.BinaryScores;
import dev.mmsafety.udf.judge.classifier.EncoderModel;
import dev.mmsafety.udf.judge.classifier.Features;
import dev.mmsafety.udf.judge.classifier.JudgeData;
import dev.mmsafety.udf.judge.classifier.JudgeExample;
import dev.mmsafety.udf.judge.classifier.Learner;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeTrainer;
import dev.mmsafety.udf.judge.classifier.SentenceEncoder;
import dev.mmsafety.udf.judge.classifier.WriterCrossValidation;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The offline judge's validation protocol on the training files only (the held-out set is not read):
 * leave-one-writer-out cross-validation ({@link WriterCrossValidation}). {@code bench judges --cv} prints the
 * shipped recipe per fold and pooled, with its reliability and what a cascade cut would cost on the out-of-fold
 * predictions; {@code --ablation} compares encoders, feature sets and L2 under the same protocol.
 */
public final class JudgesAblation {
  static final double[] L2S = {1e-2, 1e-1, 3e-1, 1.0, 3.0};
  /** The feature sets compared, in the order printed. */
  static final List<Set<Features.Block>> FEATURE_SETS = List.of(
      EnumSet.of(Features.Block.WHOLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.SIMILARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.PROTOTYPES),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.SIMILARITY, Features.Block.PROTOTYPES),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.ACTIONABLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.SIMILARITY, Features.Block.ACTIONABLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.PROTOTYPES, Features.Block.ACTIONABLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.POLARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.ACTIONABLE, Features.Block.POLARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.PROTOTYPES, Features.Block.ACTIONABLE,
          Features.Block.POLARITY),
      EnumSet.of(Features.Block.OPENING, Features.Block.ENDING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.WHOLE),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.QUESTION_X_OPENING),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.BODY),
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.OPENING, Features.Block.ENDING,
          Features.Block.SIMILARITY, Features.Block.QUESTION_X_OPENING, Features.Block.BODY));
  static final double[] SHARES = {0.1, 0.2, 0.3};
  static final double[] AGREEMENTS = {0.95, 0.98};

  private final Path dataDir;
  private final List<String> encoders;
  private final Path cache;

  public JudgesAblation(Path dataDir, List<String> encoders, Path cache) {
    this.dataDir = dataDir;
    this.encoders = encoders == null || encoders.isEmpty()
        ? EncoderModel.ALL.stream().map(EncoderModel::name).toList() : encoders;
    this.cache = cache;
  }

  /**
   * {@code --ablation}: one line per candidate, pooled out-of-fold figures and per-fold accuracy. With the shipped
   * encoder, the same rule for each head in turn, {@code refused} first, then {@code harmful} with the chosen
   * refused head (a head is judged by its own pooled accuracy): first each L2 on the shipped features, then every
   * feature set at the best L2, then each L2 on the best set. Other
   * encoders (slower, so only what the shipped features need is embedded): the shipped recipe.
   */
  public void run(PrintWriter out) {
    List<JudgeExample> rows = JudgeData.train(dataDir);
    header(out, rows);
    out.printf(Locale.ROOT, "%-20s %-56s %-27s | %-29s | %-29s | %s%n", "encoder", "features (refused / harmful)",
        "learner l2", "refused acc  F1    ECE  folds", "harmful acc  F1    ECE  folds", "openings/s/core");
    for (String name : encoders) {
      EncoderModel model = EncoderModel.named(name);
      SentenceEncoder encoder = SentenceEncoder.shared(model);
      boolean shippedEncoder = model.equals(OfflineJudgeTrainer.ENCODER);
      Set<Features.Block> needed = EnumSet.copyOf(OfflineJudgeTrainer.BLOCKS);
      if (shippedEncoder) {
        FEATURE_SETS.forEach(needed::addAll);
      }
      double speed = speed(encoder, rows);
      OfflineJudgeTrainer.Embeddings all = OfflineJudgeTrainer.embed(encoder, rows, needed, cache);
      if (!shippedEncoder) {
        line(out, shippedRecipe(model, all), speed);
        continue;
      }
      // The refused head is chosen first; the harmful head after it, on verdicts capped by that refused head
      // (OfflineJudgeModel.capHarmful), so each harmful candidate is scored as it would ship.
      Choice refused = search(out, "refused", true, new Choice(OfflineJudgeTrainer.REFUSED_BLOCKS,
          OfflineJudgeTrainer.LEARNER_REFUSED, OfflineJudgeTrainer.L2_REFUSED, -1),
          new Choice(OfflineJudgeTrainer.HARMFUL_BLOCKS, OfflineJudgeTrainer.LEARNER_HARMFUL,
              OfflineJudgeTrainer.L2_HARMFUL, -1), model, all, speed);
      Choice harmful = search(out, "harmful", false, new Choice(OfflineJudgeTrainer.HARMFUL_BLOCKS,
          OfflineJudgeTrainer.LEARNER_HARMFUL, OfflineJudgeTrainer.L2_HARMFUL, -1), refused, model, all, speed);
      out.printf(Locale.ROOT, "chosen: refused %s, %s at L2 %.0e (accuracy %.3f), harmful %s, %s at L2 %.0e (%.3f)%n",
          String.join(",", Features.keys(refused.blocks())), refused.learner().key(), refused.l2(),
          refused.accuracy(), String.join(",", Features.keys(harmful.blocks())), harmful.learner().key(),
          harmful.l2(), harmful.accuracy());
      out.flush();
    }
  }

  /**
   * The rule for one head, the other held at {@code other}, run once per learner (logistic first) and the best
   * result kept: each L2 on {@code start}'s features, every feature set at the best L2, each L2 on the best set.
   * Each step keeps its own best, starting from the previous step's.
   */
  private Choice search(PrintWriter out, String head, boolean refusedHead, Choice start, Choice other,
      EncoderModel model, OfflineJudgeTrainer.Embeddings all, double speed) {
    Choice best = null;
    for (Learner learner : Learner.values()) {
      Choice found = steps(out, head, refusedHead, new Choice(start.blocks(), learner, start.l2(), -1), other,
          model, all, speed);
      best = best == null || found.accuracy() > best.accuracy() ? found : best;
    }
    return best;
  }

  private Choice steps(PrintWriter out, String head, boolean refusedHead, Choice start, Choice other,
      EncoderModel model, OfflineJudgeTrainer.Embeddings all, double speed) {
    Learner learner = start.learner();
    java.util.function.BiFunction<Set<Features.Block>, Double, WriterCrossValidation.Result> run = (blocks, l2) ->
        refusedHead
            ? WriterCrossValidation.run(model, blocks, other.blocks(), learner, other.learner(), l2, other.l2(), all)
            : WriterCrossValidation.run(model, other.blocks(), blocks, other.learner(), learner, other.l2(), l2, all);
    Choice step1 = start;
    for (double l2 : L2S) {
      step1 = step1.better(line(out, run.apply(start.blocks(), l2), speed), refusedHead);
    }
    out.printf(Locale.ROOT,
        "%s head, %s: best L2 on the shipped features %.0e (accuracy %.3f); feature sets at it:%n", head,
        learner.key(), step1.l2(), step1.accuracy());
    Choice step2 = step1.unscored();
    for (Set<Features.Block> blocks : FEATURE_SETS) {
      // Trees over hundreds of embedding dimensions cost minutes per candidate: those outside the speed budget,
      // which cannot be chosen, are only run for logistic regression.
      if (learner == Learner.LOGISTIC || withinSpeedBudget(blocks, !refusedHead)) {
        step2 = step2.better(line(out, run.apply(blocks, step1.l2()), speed), refusedHead);
      }
    }
    out.printf(Locale.ROOT, "%s head, %s: best features %s (accuracy %.3f); each L2 on them:%n", head,
        learner.key(), String.join(",", Features.keys(step2.blocks())), step2.accuracy());
    Choice step3 = step2.unscored();
    for (double l2 : L2S) {
      step3 = step3.better(line(out, run.apply(step2.blocks(), l2), speed), refusedHead);
    }
    return step3;
  }

  /**
   * The speed budget (issue goal: 150 texts/s per core): the encoder is the cost, and one opening plus one ending
   * per harmful-polarity answer is what fits (median 156-167 texts/s/core measured; with every answer embedded, 120-140;
   * the question would add a third call per harmful-polarity answer). So the {@code refused} head, asked about
   * every answer, may not embed anything, and the {@code harmful} head may not embed the question. Candidates
   * outside it are printed but never chosen.
   */
  static boolean withinSpeedBudget(Set<Features.Block> blocks, boolean harmfulHead) {
    return harmfulHead ? !Features.embedsQuestion(blocks) : !Features.embedsAnything(blocks);
  }

  /**
   * One head's best candidate so far within the speed budget, by its own pooled out-of-fold accuracy (-1: none
   * scored yet); the first offered wins ties.
   */
  private record Choice(Set<Features.Block> blocks, Learner learner, double l2, double accuracy) {
    Choice better(WriterCrossValidation.Result r, boolean refusedHead) {
      double a = (refusedHead ? r.refused() : r.harmful()).pooled().accuracy();
      Set<Features.Block> b = refusedHead ? r.refusedBlocks() : r.harmfulBlocks();
      return a > accuracy && withinSpeedBudget(b, !refusedHead)
          ? new Choice(b, refusedHead ? r.learnerRefused() : r.learnerHarmful(),
              refusedHead ? r.l2Refused() : r.l2Harmful(), a) : this;
    }

    /** The same choice, to be beaten by the next step's candidates from scratch. */
    Choice unscored() {
      return new Choice(blocks, learner, l2, -1);
    }
  }

  /**
   * {@code --cv}: the shipped recipe per fold and pooled, its reliability, and cascade cuts on its predictions; with
   * {@code misses} not null, the out-of-fold misses are also written there ({@link OutOfFoldMisses}).
   */
  public void shipped(PrintWriter out, Path misses) {
    List<JudgeExample> rows = JudgeData.train(dataDir);
    header(out, rows);
    OfflineJudgeTrainer.Embeddings all = OfflineJudgeTrainer.embed(
        SentenceEncoder.shared(OfflineJudgeTrainer.ENCODER), rows, OfflineJudgeTrainer.BLOCKS, cache);
    WriterCrossValidation.Result r = shippedRecipe(OfflineJudgeTrainer.ENCODER, all);
    out.printf(Locale.ROOT,
        "shipped recipe: %s, features %s, learner and L2 %s (refused / harmful where they differ)%n",
        r.encoder().name(), blocks(r), l2s(r));
    for (WriterCrossValidation.Head head : List.of(r.refused(), r.harmful())) {
      out.printf(Locale.ROOT, "%n%s (validated on the left-out writer):%n", head == r.refused()
          ? "refused (all rows)" : "harmful (harmful-polarity rows)");
      out.printf(Locale.ROOT, "  %-10s %5s %9s %9s %9s %6s %6s%n", "fold", "n", "accuracy", "precision", "recall",
          "F1", "ECE");
      for (int f = 0; f < head.writers().size(); f++) {
        scoreLine(out, "w/o " + head.writers().get(f), head.folds().get(f));
      }
      scoreLine(out, "pooled", head.pooled());
    }
    out.println("\nreliability of the out-of-fold probabilities (n, mean predicted, observed share):");
    out.printf(Locale.ROOT, "  %-9s | %-24s | %-24s%n", "p", "refused", "harmful");
    for (int b = 0; b < BinaryScores.BINS; b++) {
      out.printf(Locale.ROOT, "  %.1f-%.1f   | %s | %s%n", b / 10.0, (b + 1) / 10.0,
          bin(r.refused().pooled().bins().get(b)), bin(r.harmful().pooled().bins().get(b)));
    }
    out.println("\ncascade cuts on the out-of-fold predictions (the labels stand in for a perfect second judge):");
    cascade(out, "unsafe", r.harmful(), rows.size());
    cascade(out, "refused", r.refused(), rows.size());
    byStyle(out, r);
    if (misses != null) {
      out.printf(Locale.ROOT, "%nout-of-fold misses written to %s: %d%n", misses, OutOfFoldMisses.write(misses, r));
    }
  }

  private static WriterCrossValidation.Result shippedRecipe(EncoderModel model, OfflineJudgeTrainer.Embeddings all) {
    return WriterCrossValidation.run(model, OfflineJudgeTrainer.REFUSED_BLOCKS, OfflineJudgeTrainer.HARMFUL_BLOCKS,
        OfflineJudgeTrainer.LEARNER_REFUSED, OfflineJudgeTrainer.LEARNER_HARMFUL, OfflineJudgeTrainer.L2_REFUSED,
        OfflineJudgeTrainer.L2_HARMFUL, all);
  }

  /** Out-of-fold accuracy per answer style: where the heads fail on a writer they never saw. */
  private static void byStyle(PrintWriter out, WriterCrossValidation.Result r) {
    out.println("\nout-of-fold accuracy by answer style (refused on all rows / harmful on harmful-polarity rows):");
    java.util.Map<String, int[]> counts = new java.util.TreeMap<>(); // right, n for refused; right, n for harmful
    tally(counts, r.refused(), 0);
    tally(counts, r.harmful(), 2);
    counts.forEach((style, c) -> out.printf(Locale.ROOT, "  %-22s refused %4d of %4d (%.2f) | harmful %s%n", style,
        c[0], c[1], c[0] / (double) c[1], c[3] == 0 ? "-" : String.format(Locale.ROOT, "%4d of %4d (%.2f)", c[2],
            c[3], c[2] / (double) c[3])));
  }

  private static void tally(java.util.Map<String, int[]> counts, WriterCrossValidation.Head head, int at) {
    for (int i = 0; i < head.rows().size(); i++) {
      int[] c = counts.computeIfAbsent(head.rows().get(i).style(), k -> new int[4]);
      c[at] += head.right(i) ? 1 : 0;
      c[at + 1]++;
    }
  }

  private static void header(PrintWriter out, List<JudgeExample> rows) {
    out.printf(Locale.ROOT, "leave-one-writer-out cross-validation over %d training rows (writers %s; held-out set "
        + "not read); Platt fitted on the other folds' out-of-fold logits%n", rows.size(),
        rows.stream().map(JudgeExample::writer).distinct().sorted().toList());
  }

  /**
   * What a cut costs: the share sent (of every row: benign rows stay with the classifier on unsafe) and the
   * kept verdicts that are wrong, observed and as calibration expects them, per compared row.
   */
  private static void cascade(PrintWriter out, String on, WriterCrossValidation.Head head, int allRows) {
    int n = head.labels().size();
    double[] asked = new double[n];
    for (int i = 0; i < n; i++) {
      asked[i] = Math.max(head.probabilities()[i], 1 - head.probabilities()[i]);
    }
    double[] confidences = new double[allRows]; // rows not asked (benign, on unsafe) have confidence 1
    java.util.Arrays.fill(confidences, 1);
    System.arraycopy(asked, 0, confidences, 0, n);
    for (double share : SHARES) {
      cutLine(out, on, "max-llm-share " + share, new CascadeCut(null, share, null).resolve(confidences), head,
          asked, allRows);
    }
    for (double a : AGREEMENTS) {
      cutLine(out, on, "target-agreement " + a, new CascadeCut(null, null, a).resolve(confidences), head, asked,
          allRows);
    }
  }

  private static void cutLine(PrintWriter out, String on, String target, double cut,
      WriterCrossValidation.Head head, double[] asked, int allRows) {
    int sent = 0;
    int wrongKept = 0;
    double expected = 0;
    for (int i = 0; i < asked.length; i++) {
      if (asked[i] < cut) {
        sent++;
      } else {
        wrongKept += head.right(i) ? 0 : 1;
        expected += 1 - asked[i];
      }
    }
    out.printf(Locale.ROOT, "  on %-8s %-22s cut %.4f: sent %4d of %d (%.1f%%); wrong among kept %.1f points of "
            + "%d compared (expected from calibration %.1f)%n", on, target, cut, sent, allRows, 100.0 * sent / allRows,
        100.0 * wrongKept / asked.length, asked.length, 100 * expected / asked.length);
  }

  private static void scoreLine(PrintWriter out, String label, BinaryScores s) {
    out.printf(Locale.ROOT, "  %-10s %5d %9.3f %9.3f %9.3f %6.3f %6.3f%n", label, s.n(), s.accuracy(),
        s.precision(), s.recall(), s.f1(), s.ece());
  }

  private static String bin(BinaryScores.Bin b) {
    return b.n() == 0 ? String.format(Locale.ROOT, "%-24s", "n 0")
        : String.format(Locale.ROOT, "n %4d  %.2f  %.2f        ", b.n(), b.meanProbability(), b.observed());
  }

  /** Openings (48 tokens) embedded per second of this thread's CPU time, over the first 300 rows. */
  private static double speed(SentenceEncoder encoder, List<JudgeExample> rows) {
    List<String> openings = rows.stream().limit(300).map(e -> AnswerText.opening(e.answer())).toList();
    encoder.embed(openings.subList(0, 10), Features.OPENING_TOKENS); // warm-up
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    encoder.embed(openings, Features.OPENING_TOKENS);
    return openings.size() / ((ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9);
  }

  private static WriterCrossValidation.Result line(PrintWriter out, WriterCrossValidation.Result r, double speed) {
    out.printf(Locale.ROOT, "%-20s %-56s %-27s | %s | %s | %.0f%n", r.encoder().name(), blocks(r), l2s(r),
        summary(r.refused()), summary(r.harmful()), speed);
    return r;
  }

  /** One feature set when both heads read the same, else refused's / harmful's. */
  private static String blocks(WriterCrossValidation.Result r) {
    String refused = String.join(",", Features.keys(r.refusedBlocks()));
    String harmful = String.join(",", Features.keys(r.harmfulBlocks()));
    return refused.equals(harmful) ? refused : refused + " / " + harmful;
  }

  /** Learner and L2 per head: one when both heads agree, else refused's / harmful's. */
  private static String l2s(WriterCrossValidation.Result r) {
    String refused = String.format(Locale.ROOT, "%s %.0e", r.learnerRefused().key(), r.l2Refused());
    String harmful = String.format(Locale.ROOT, "%s %.0e", r.learnerHarmful().key(), r.l2Harmful());
    return refused.equals(harmful) ? refused : refused + " / " + harmful;
  }

  private static String summary(WriterCrossValidation.Head h) {
    StringBuilder folds = new StringBuilder();
    h.folds().forEach(f -> folds.append(String.format(Locale.ROOT, " %.2f", f.accuracy())));
    return String.format(Locale.ROOT, "%.3f %.3f %.3f%s", h.pooled().accuracy(), h.pooled().f1(), h.pooled().ece(),
        folds);
  }
}
