package dev.mmsafety.jobs.bench;

import dev.mmsafety.udf.judge.classifier.EncoderModel;
import dev.mmsafety.udf.judge.classifier.Features;
import dev.mmsafety.udf.judge.classifier.JudgeData;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeAblation;
import dev.mmsafety.udf.judge.classifier.OfflineJudgeTrainer;
import dev.mmsafety.udf.judge.classifier.SentenceEncoder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bench judges --ablation}: the evidence for the offline judge's encoder and features, on the validation
 * split only (the held-out set is not read). For each encoder, every feature set of
 * {@link OfflineJudgeAblation#FEATURE_SETS} and, for the shipped feature set, each L2 strength of {@link #L2S}.
 */
public final class JudgesAblation {
  static final double[] L2S = {1e-2, 3e-2, 1e-1, 3e-1};

  private final Path dataDir;
  private final List<String> encoders;
  private final Path cache;

  public JudgesAblation(Path dataDir, List<String> encoders, Path cache) {
    this.dataDir = dataDir;
    this.encoders = encoders == null || encoders.isEmpty()
        ? EncoderModel.ALL.stream().map(EncoderModel::name).toList() : encoders;
    this.cache = cache;
  }

  public void run(PrintWriter out) {
    JudgeData.Split split = JudgeData.split(JudgeData.train(dataDir));
    out.printf(Locale.ROOT, "training split %d rows, validation split %d rows (held-out set not read)%n",
        split.train().size(), split.validation().size());
    out.println("validation figures; calibration cross-fitted on halves of the validation split");
    out.printf(Locale.ROOT, "%-20s %-62s %6s | %-15s | %-15s%n", "encoder", "features", "l2", "refused acc ECE",
        "harmful acc ECE");
    Set<Features.Block> all = EnumSet.allOf(Features.Block.class);
    for (String name : encoders) {
      EncoderModel model = EncoderModel.named(name);
      SentenceEncoder encoder = SentenceEncoder.shared(model);
      OfflineJudgeTrainer.Embeddings train = OfflineJudgeTrainer.embed(encoder, split.train(), all, cache);
      OfflineJudgeTrainer.Embeddings validation = OfflineJudgeTrainer.embed(encoder, split.validation(), all, cache);
      for (Set<Features.Block> blocks : OfflineJudgeAblation.FEATURE_SETS) {
        line(out, OfflineJudgeAblation.evaluate(model, blocks, OfflineJudgeTrainer.L2_REFUSED, train, validation));
      }
      for (double l2 : L2S) {
        line(out, OfflineJudgeAblation.evaluate(model, OfflineJudgeTrainer.BLOCKS, l2, train, validation));
      }
      out.flush();
    }
  }

  private static void line(PrintWriter out, OfflineJudgeAblation.Result r) {
    out.printf(Locale.ROOT, "%-20s %-62s %6.0e | %.3f  %.3f    | %.3f  %.3f%n", r.encoder(),
        String.join(",", Features.keys(r.blocks())), r.l2(), r.refused().accuracy(), r.refused().ece(),
        r.harmful().accuracy(), r.harmful().ece());
  }
}
