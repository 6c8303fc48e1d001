package dev.mmsafety.udf.judge.classifier;

import dev.mmsafety.udf.common.Hashing;
import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.refusal.RefusalLists;
import dev.mmsafety.udf.judge.refusal.RefusalStringJudge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Retrains the shipped classifier head from the training examples and reports held-out accuracy next to the
 * advbench keyword judge's. {@code main(out.json)} writes the head; the test below does the same:
 *
 * <pre>mvn -q -o test -pl udf -am -Dtest=TestRefusalClassifier -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dmmsafety.write-head=$PWD/udf/src/main/resources/mmsafety/judges/refusal-head.json</pre>
 */
public final class RefusalClassifierTrainer {
  private RefusalClassifierTrainer() {}

  /** Accuracy figures on the held-out set. */
  public record Evaluation(int examples, double classifierAccuracy, double advbenchAccuracy, long embedMillis) {}

  public static LogisticHead train(SentenceEncoder encoder, List<LabelledExample> train) {
    List<float[]> xs = encoder.embedAll(train.stream().map(LabelledExample::text).toList());
    String trainedOn =
        Hashing.sha256Hex(String.join("\u0000", train.stream().map(e -> e.label() + "\u0001" + e.text()).toList()));
    return LogisticHead.train(
        xs, train.stream().map(LabelledExample::refused).toList(), SentenceEncoder.NAME, trainedOn,
        LogisticHead.EPOCHS_DEFAULT, LogisticHead.L2_DEFAULT, LogisticHead.LEARNING_RATE_DEFAULT);
  }

  public static Evaluation evaluate(SentenceEncoder encoder, LogisticHead head, List<LabelledExample> heldOut) {
    RefusalClassifierJudge classifier = new RefusalClassifierJudge("classifier", head, encoder);
    RefusalStringJudge advbench = new RefusalStringJudge("advbench", RefusalLists.get("advbench"));
    long start = System.nanoTime();
    List<float[]> xs = encoder.embedAll(heldOut.stream().map(LabelledExample::text).toList());
    long embedMillis = (System.nanoTime() - start) / 1_000_000;
    int classifierRight = 0;
    int advbenchRight = 0;
    for (int i = 0; i < heldOut.size(); i++) {
      LabelledExample example = heldOut.get(i);
      JudgeInput input = JudgeInput.ofText(example.id(), example.text());
      if (classifier.decide(input, xs.get(i)).refused() == example.refused()) {
        classifierRight++;
      }
      if (advbench.decide(input).refused() == example.refused()) {
        advbenchRight++;
      }
    }
    return new Evaluation(
        heldOut.size(), classifierRight / (double) heldOut.size(), advbenchRight / (double) heldOut.size(),
        embedMillis);
  }

  public static void main(String[] args) throws IOException {
    SentenceEncoder encoder = SentenceEncoder.shared();
    LogisticHead head = train(encoder, LabelledExample.resource(LabelledExample.TRAIN_RESOURCE));
    if (args.length > 0) {
      Files.writeString(Path.of(args[0]), head.toJson() + "\n", StandardCharsets.UTF_8);
      System.out.println("wrote " + args[0]);
    }
    Evaluation e = evaluate(encoder, head, LabelledExample.resource(LabelledExample.HELDOUT_RESOURCE));
    System.out.printf(
        Locale.ROOT, "held-out examples=%d classifier accuracy=%.3f advbench accuracy=%.3f embed ms/text=%.1f%n",
        e.examples(), e.classifierAccuracy(), e.advbenchAccuracy(), e.embedMillis() / (double) e.examples());
  }
}
