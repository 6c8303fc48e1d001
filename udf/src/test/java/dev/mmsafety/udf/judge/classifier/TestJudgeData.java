package dev.mmsafety.udf.judge.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestJudgeData {
  @Test
  void splitIsFixedStratifiedAndDisjoint() {
    List<JudgeExample> rows = JudgeData.train(JudgeData.locate());
    JudgeData.Split split = JudgeData.split(rows);
    assertThat(rows).hasSize(2873);
    assertThat(split.train().size() + split.validation().size()).isEqualTo(rows.size());
    assertThat(split.validation().size()).isBetween(540, 610);
    Set<String> trainIds = split.train().stream().map(JudgeExample::id).collect(Collectors.toSet());
    assertThat(split.validation()).noneMatch(e -> trainIds.contains(e.id()));
    // Same split from rows in another order.
    List<JudgeExample> reversed = new java.util.ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    assertThat(JudgeData.split(reversed)).isEqualTo(split);
    // Every stratum of five rows or more is in both parts.
    Map<String, Long> sizes = rows.stream().collect(Collectors.groupingBy(JudgeData::stratum, Collectors.counting()));
    Set<String> inValidation = new HashSet<>();
    split.validation().forEach(e -> inValidation.add(JudgeData.stratum(e)));
    sizes.forEach((stratum, n) -> {
      if (n >= 5) {
        assertThat(inValidation).contains(stratum);
      }
    });
  }

  /**
   * The held-out set feeds no training or choice, so it must not repeat the training rows: no shared id, no question
   * or answer equal up to case and punctuation, and no answer of 20 words or more sharing half of its word 5-grams
   * (Jaccard) with a training answer. Short refusals may share a phrase ("I won't provide instructions for making"),
   * and echo answers repeat the benchmarks' fixed prompts, which is why the shingle rule starts at 20 words.
   */
  @Test
  void heldOutSharesNoIdAndNoNearDuplicateTextWithTraining() {
    Path dir = JudgeData.locate();
    List<JudgeExample> train = JudgeData.train(dir);
    List<JudgeExample> heldOut = JudgeData.heldOut(dir);
    assertThat(heldOut).hasSize(370);
    Map<String, Set<Integer>> byShingle = assertNoCopies(heldOut, train, 0);
    // The measure finds a lightly edited copy.
    List<Set<String>> shingles = train.stream().map(e -> shingles(e.answer())).toList();
    String copied = train.stream().map(JudgeExample::answer).filter(a -> words(a).size() > 60).findFirst()
        .orElseThrow();
    assertThat(nearest(shingles(copied.replaceFirst("\\w+", "Well")), byShingle, shingles)).isGreaterThan(0.9);
  }

  /**
   * The fresh writers measure the shipped judge, so they copy neither the rows it was trained on nor the held-out.
   * Answers under 12 words may equal one: models repeat stock refusals word for word ("I'm sorry, but I can't help
   * with that request." is in w7 and w9), and two writers may write the same one.
   */
  @Test
  void freshWritersShareNoIdAndNoNearDuplicateTextWithTrainingOrHeldOut() {
    Path dir = JudgeData.locate();
    List<JudgeExample> fresh = JudgeData.fresh(dir);
    assertThat(fresh).hasSize(86);
    assertThat(fresh).extracting(JudgeExample::writer).containsOnly("w9", "w10");
    List<JudgeExample> seen = new java.util.ArrayList<>(JudgeData.train(dir));
    seen.addAll(JudgeData.heldOut(dir));
    assertNoCopies(fresh, seen, 12);
  }

  /**
   * No row of {@code probe} shares an id with {@code reference}, a question or answer equal up to case and
   * punctuation (answers from {@code exactMinWords} words on), or an answer of 20 words or more sharing half of its
   * word 5-grams (Jaccard) with a reference answer; returns the reference answers' shingle index.
   */
  private static Map<String, Set<Integer>> assertNoCopies(
      List<JudgeExample> probe, List<JudgeExample> reference, int exactMinWords) {
    Set<String> ids = reference.stream().map(JudgeExample::id).collect(Collectors.toSet());
    Set<String> questions = reference.stream().map(e -> normalised(e.question())).collect(Collectors.toSet());
    Set<String> answers = reference.stream().map(e -> normalised(e.answer())).collect(Collectors.toSet());
    Map<String, Set<Integer>> byShingle = new HashMap<>();
    List<Set<String>> shingles = reference.stream().map(e -> shingles(e.answer())).toList();
    for (int i = 0; i < shingles.size(); i++) {
      for (String s : shingles.get(i)) {
        byShingle.computeIfAbsent(s, k -> new HashSet<>()).add(i);
      }
    }
    for (JudgeExample e : probe) {
      assertThat(ids).as(e.id()).doesNotContain(e.id());
      assertThat(questions).as(e.id() + " question").doesNotContain(normalised(e.question()));
      if (!e.answer().isBlank() && words(e.answer()).size() >= exactMinWords) {
        assertThat(answers).as(e.id() + " answer").doesNotContain(normalised(e.answer()));
      }
      assertThat(nearest(shingles(e.answer()), byShingle, shingles)).as(e.id() + " answer 5-gram Jaccard")
          .isLessThan(0.5);
    }
    return byShingle;
  }

  private static String normalised(String text) {
    return String.join(" ", words(text));
  }

  private static List<String> words(String text) {
    return java.util.Arrays.stream(text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{M}\\p{N}]+"))
        .filter(w -> !w.isEmpty()).toList();
  }

  /** Word 5-grams of answers of 20 words or more; none for shorter ones. */
  private static Set<String> shingles(String text) {
    List<String> w = words(text);
    Set<String> out = new HashSet<>();
    for (int i = 0; w.size() >= 20 && i + 5 <= w.size(); i++) {
      out.add(String.join(" ", w.subList(i, i + 5)));
    }
    return out;
  }

  private static double nearest(Set<String> s, Map<String, Set<Integer>> byShingle, List<Set<String>> all) {
    Map<Integer, Integer> shared = new HashMap<>();
    s.forEach(x -> byShingle.getOrDefault(x, Set.of()).forEach(i -> shared.merge(i, 1, Integer::sum)));
    return shared.entrySet().stream()
        .mapToDouble(en -> en.getValue() / (double) (s.size() + all.get(en.getKey()).size() - en.getValue()))
        .max().orElse(0);
  }

  @Test
  void aBadLineNamesFileLineAndField(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("x.jsonl");
    Files.writeString(file, "{\"id\":\"x-1\",\"question\":\"q\",\"answer\":\"a\",\"question_polarity\":\"harmful\","
        + "\"refused\":false,\"harmful\":false,\"lang\":\"en\"}\n{\"id\":\"x-2\",\"question\":\"q\",\"answer\":\"a\","
        + "\"question_polarity\":\"harmful\",\"refused\":\"yes\",\"harmful\":false,\"lang\":\"en\"}\n",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> JudgeExample.read(file))
        .hasMessage("Cannot read " + file + " line 2: field 'refused' is not true/false");
  }
}
