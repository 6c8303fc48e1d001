package dev.mmsafety.udf.judge.classifier;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.judge.JudgeInput;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Trains the offline judge: both heads on every training row, Platt calibration on leave-one-writer-out
 * out-of-fold logits. The
 * shipped model is {@link #train} with {@link #ENCODER}, {@link #BLOCKS}, the learners and the L2 values below;
 * how they were chosen is in docs/judges.md ("Choosing the encoder and the features"). Everything is deterministic.
 */
public final class OfflineJudgeTrainer {
  public static final EncoderModel ENCODER = EncoderModel.MINILM_Q;
  public static final Set<Features.Block> REFUSED_BLOCKS =
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.ACTIONABLE, Features.Block.POLARITY);
  public static final Set<Features.Block> HARMFUL_BLOCKS =
      EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.PROTOTYPES);
  /** What either head reads. */
  public static final Set<Features.Block> BLOCKS = Features.union(REFUSED_BLOCKS, HARMFUL_BLOCKS);
  public static final Learner LEARNER_REFUSED = Learner.TREES;
  public static final Learner LEARNER_HARMFUL = Learner.TREES;
  public static final double L2_REFUSED = 0.1;
  public static final double L2_HARMFUL = 3.0;

  private OfflineJudgeTrainer() {}

  /** Rows embedded once with every segment, so feature sets can be compared without embedding again. */
  public record Embeddings(List<JudgeExample> rows, List<Features.Embedded> embedded) {
    public List<double[]> features(Set<Features.Block> blocks) {
      List<double[]> out = new ArrayList<>(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        out.add(Features.vector(blocks, rows.get(i).input(), embedded.get(i)));
      }
      return out;
    }

    public Embeddings where(Predicate<JudgeExample> keep) {
      List<JudgeExample> r = new ArrayList<>();
      List<Features.Embedded> e = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (keep.test(rows.get(i))) {
          r.add(rows.get(i));
          e.add(embedded.get(i));
        }
      }
      return new Embeddings(r, e);
    }
  }

  /**
   * Embeds the segments {@code blocks} need for {@code rows}; with a cache folder, reuses or writes a file keyed by
   * the encoder, the blocks and the rows.
   */
  public static Embeddings embed(
      SentenceEncoder encoder, List<JudgeExample> rows, Set<Features.Block> blocks, Path cacheDir) {
    List<JudgeInput> inputs = rows.stream().map(JudgeExample::input).toList();
    if (cacheDir == null) {
      return new Embeddings(rows, Features.embed(encoder, inputs, blocks));
    }
    Set<Features.Block> all = blocks;
    String key = Hashing.sha256Hex(encoder.model().name(), Features.QUESTION_TOKENS + "/" + Features.OPENING_TOKENS
        + "/" + Features.ENDING_TOKENS + "/" + Features.BODY_TOKENS + "/" + Features.WHOLE_TOKENS, Features.keys(blocks).toString(),
        trainedOn(rows)).substring(0, 16);
    Path file = cacheDir.resolve(encoder.model().name() + "-" + key + ".bin");
    try {
      if (Files.exists(file)) {
        float[][] styles = Features.styles(encoder, blocks);
        return new Embeddings(rows, read(file, rows.size()).stream().map(e -> e.withStyles(styles)).toList());
      }
      List<Features.Embedded> embedded = Features.embed(encoder, inputs, all);
      Files.createDirectories(cacheDir);
      write(file, embedded);
      return new Embeddings(rows, embedded);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot use embedding cache " + file, e);
    }
  }

  /** A trained model and the cross-validation its calibration came from. */
  public record Trained(OfflineJudgeModel model, WriterCrossValidation.Result validation) {}

  /** The shipped recipe on the embedded training rows (every training file). */
  public static Trained train(Embeddings all) {
    return train(ENCODER, REFUSED_BLOCKS, HARMFUL_BLOCKS, LEARNER_REFUSED, LEARNER_HARMFUL, all, L2_REFUSED,
        L2_HARMFUL);
  }


  /**
   * Both heads trained on every row, each calibrated by Platt scaling fitted on the out-of-fold logits of
   * leave-one-writer-out cross-validation ({@link WriterCrossValidation}): the calibration is fitted to how the
   * heads score a writer they were not trained on, which is what the held-out set and real answers are.
   */
  public static Trained train(EncoderModel encoder, Set<Features.Block> refusedBlocks,
      Set<Features.Block> harmfulBlocks, Learner learnerRefused, Learner learnerHarmful, Embeddings all,
      double l2Refused, double l2Harmful) {
    WriterCrossValidation.Result cv = WriterCrossValidation.run(encoder, refusedBlocks, harmfulBlocks,
        learnerRefused, learnerHarmful, l2Refused, l2Harmful, all);
    Head refused =
        head(refusedBlocks, learnerRefused, all, e -> true, JudgeExample::refused, l2Refused, cv.refused());
    Head harmful = head(harmfulBlocks, learnerHarmful, all, JudgeExample::harmfulPolarity, JudgeExample::harmful,
        l2Harmful, cv.harmful());
    return new Trained(
        new OfflineJudgeModel(encoder, refusedBlocks, harmfulBlocks, refused, harmful, trainedOn(all.rows())), cv);
  }

  private static Head head(Set<Features.Block> blocks, Learner learner, Embeddings all,
      Predicate<JudgeExample> rows, Predicate<JudgeExample> label, double l2, WriterCrossValidation.Head outOfFold) {
    Embeddings t = all.where(rows);
    Head raw = learner.train(t.features(blocks), t.rows().stream().map(label::test).toList(), l2);
    double[] platt = outOfFold.platt();
    return raw.withPlatt(platt[0], platt[1]);
  }

  static String trainedOn(List<JudgeExample> rows) {
    StringBuilder s = new StringBuilder();
    for (JudgeExample e : rows) {
      s.append(e.id()).append('\u0001').append(e.refused()).append(e.harmful()).append('\u0001')
          .append(e.question()).append('\u0001').append(e.answer()).append('\u0000');
    }
    return Hashing.sha256Hex(s.toString());
  }

  private static void write(Path file, List<Features.Embedded> embedded) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      for (Features.Embedded e : embedded) {
        for (float[] v : new float[][] {e.question(), e.opening(), e.ending(), e.body(), e.whole()}) {
          out.writeInt(v == null ? -1 : v.length);
          for (float x : v == null ? new float[0] : v) {
            out.writeFloat(x);
          }
        }
      }
    }
  }

  private static List<Features.Embedded> read(Path file, int n) throws IOException {
    List<Features.Embedded> out = new ArrayList<>(n);
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      for (int i = 0; i < n; i++) {
        float[][] parts = new float[5][];
        for (int p = 0; p < 5; p++) {
          int length = in.readInt();
          if (length < 0) {
            continue;
          }
          parts[p] = new float[length];
          for (int j = 0; j < parts[p].length; j++) {
            parts[p][j] = in.readFloat();
          }
        }
        out.add(new Features.Embedded(parts[0], parts[1], parts[2], parts[3], parts[4]));
      }
    }
    return out;
  }
}
