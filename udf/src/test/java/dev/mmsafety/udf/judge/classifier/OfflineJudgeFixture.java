package dev.mmsafety.udf.judge.classifier;

import java.nio.file.Path;

/**
 * The labelled data and its embeddings, computed once per test JVM (the offline judge tests and the cascade tests
 * share them): every row of data/judges/train, embedded with the shipped encoder and feature blocks, and the fixed
 * split's validation rows (a sample the cascade tests judge).
 */
public final class OfflineJudgeFixture {
  private static OfflineJudgeFixture instance;

  public final Path dataDir;
  public final JudgeData.Split split;
  public final OfflineJudgeTrainer.Embeddings all;

  private OfflineJudgeFixture() {
    dataDir = JudgeData.locate();
    java.util.List<JudgeExample> rows = JudgeData.train(dataDir);
    split = JudgeData.split(rows);
    all = OfflineJudgeTrainer.embed(SentenceEncoder.shared(OfflineJudgeTrainer.ENCODER), rows,
        OfflineJudgeTrainer.BLOCKS, null);
  }

  public static synchronized OfflineJudgeFixture get() {
    if (instance == null) {
      instance = new OfflineJudgeFixture();
    }
    return instance;
  }
}
