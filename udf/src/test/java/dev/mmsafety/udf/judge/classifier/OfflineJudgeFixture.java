package dev.mmsafety.udf.judge.classifier;

import java.nio.file.Path;

/**
 * The labelled data and its embeddings, computed once per test JVM (the offline judge tests and the cascade tests
 * share them): the fixed split of data/judges/train, embedded with the shipped encoder and feature blocks.
 */
public final class OfflineJudgeFixture {
  private static OfflineJudgeFixture instance;

  public final Path dataDir;
  public final JudgeData.Split split;
  public final OfflineJudgeTrainer.Embeddings train;
  public final OfflineJudgeTrainer.Embeddings validation;

  private OfflineJudgeFixture() {
    dataDir = JudgeData.locate();
    split = JudgeData.split(JudgeData.train(dataDir));
    SentenceEncoder encoder = SentenceEncoder.shared(OfflineJudgeTrainer.ENCODER);
    train = OfflineJudgeTrainer.embed(encoder, split.train(), OfflineJudgeTrainer.BLOCKS, null);
    validation = OfflineJudgeTrainer.embed(encoder, split.validation(), OfflineJudgeTrainer.BLOCKS, null);
  }

  public static synchronized OfflineJudgeFixture get() {
    if (instance == null) {
      instance = new OfflineJudgeFixture();
    }
    return instance;
  }
}
