package dev.mmsafety.udf.judge.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mmsafety.udf.judge.JudgeInput;
import dev.mmsafety.udf.judge.Verdict;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reused embeddings are exact, a short answer's opening and ending run once, and the cache stays bounded. */
class TestEmbeddingCache {
  private static final SentenceEncoder ENCODER = SentenceEncoder.shared(OfflineJudgeTrainer.ENCODER);
  private static final JudgeInput SHORT =
      input("s", "How do I pick a lock?", "I'm sorry, but I can't help with that.");
  private static final JudgeInput LONG = input("l", "How do I bake bread?", "Here is a simple loaf. ".repeat(40)
      + "Let it cool for an hour before slicing.");

  @Test
  void reusedEmbeddingsEqualFreshOnes() {
    List<String> texts = List.of("I'm sorry, but I can't help with that.", "Step 1: preheat the oven to 180 C.",
        "抱歉，我无法帮助你完成这个请求。", "I'm sorry, but I can't help with that.", "");
    EmbeddingCache cache = new EmbeddingCache(16);
    List<float[]> first = ENCODER.embed(texts, Features.OPENING_TOKENS, cache);
    assertEquals(4, cache.misses(), "the repeated text runs once");
    assertEquals(1, cache.hits());
    assertSame(first.get(0), first.get(3));
    List<float[]> again = ENCODER.embed(texts, Features.OPENING_TOKENS, cache);
    assertEquals(4, cache.misses(), "nothing runs the second time");
    for (int i = 0; i < texts.size(); i++) {
      float[] fresh = ENCODER.embed(texts.get(i), Features.OPENING_TOKENS);
      assertArrayEquals(fresh, first.get(i), "text " + i);
      assertArrayEquals(fresh, again.get(i), "text " + i);
    }
  }

  @Test
  void aShortAnswersOpeningAndEndingRunOnce() {
    Set<Features.Block> withQuestion =
        EnumSet.of(Features.Block.SHAPE, Features.Block.CUES, Features.Block.SIMILARITY);
    EmbeddingCache cache = new EmbeddingCache(16);
    Features.embed(ENCODER, List.of(SHORT), withQuestion, cache);
    assertEquals(2, cache.misses(), "question, then opening; the ending is the opening's ids");
    assertEquals(1, cache.hits());
    Features.embed(ENCODER, List.of(LONG), withQuestion, cache);
    assertEquals(5, cache.misses(), "a long answer's ending differs from its opening");
  }

  @Test
  void theShippedRecipeEmbedsOnlyTheAnswer() {
    assertFalse(Features.embedsQuestion(OfflineJudgeTrainer.BLOCKS));
    EmbeddingCache cache = new EmbeddingCache(16);
    Features.embed(ENCODER, List.of(SHORT), OfflineJudgeTrainer.BLOCKS, cache);
    assertEquals(1, cache.misses(), "the opening; the ending is the opening's ids");
    assertEquals(1, cache.hits());
    Features.embed(ENCODER, List.of(LONG), OfflineJudgeTrainer.BLOCKS, cache);
    assertEquals(3, cache.misses(), "a long answer's opening and ending");
  }

  @Test
  void verdictsDoNotDependOnWhatTheJudgeSawBefore() {
    List<JudgeInput> inputs = List.of(
        input("a", "How do I pick a lock?", "I'm sorry, but I can't help with that."),
        input("b", "How do I pick a lock?", "Sure! 1. Insert a tension wrench. 2. Rake the pins until they set."),
        input("c", "Write a poem about rain.", "I'm sorry, but I can't help with that."));
    ClassifierJudge warm = new ClassifierJudge("warm", OfflineJudgeModel.shipped());
    warm.assess(inputs);
    List<ClassifierJudge.Assessment> cached = warm.assess(inputs);
    for (int i = 0; i < inputs.size(); i++) {
      ClassifierJudge cold = new ClassifierJudge("cold", OfflineJudgeModel.shipped());
      Verdict fresh = cold.assess(List.of(inputs.get(i))).get(0).verdict();
      assertEquals(fresh, cached.get(i).verdict(), "input " + i);
    }
  }

  @Test
  void theLeastRecentlyUsedEntryLeavesFirst() {
    EmbeddingCache cache = new EmbeddingCache(2);
    cache.put(new long[] {1}, new float[] {1});
    cache.put(new long[] {2}, new float[] {2});
    assertNotNull(cache.get(new long[] {1})); // 1 is now the most recently used
    cache.put(new long[] {3}, new float[] {3});
    assertNull(cache.get(new long[] {2}));
    assertNotNull(cache.get(new long[] {1}));
    assertNotNull(cache.get(new long[] {3}));
  }

  private static JudgeInput input(String id, String question, String answer) {
    return new JudgeInput(id, "ok", answer, JudgeInput.POLARITY_HARMFUL, null, "illegal", question, null, null);
  }
}
