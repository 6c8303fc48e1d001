package dev.mmsafety.udf.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * judge validate's figures on small cases computed by hand (the arithmetic is in the comments), never from this
 * code's output.
 */
class TestJudgeValidation {

  // Fleiss' kappa, 3 annotators, yes counts 3, 0, 2, 1, 3: P_i = 1, 1, 1/3, 1/3, 1, so P = 11/15; p = 9/15,
  // Pe = 0.36 + 0.16 = 0.52; kappa = (11/15 - 13/25) / (12/25) = (16/75) / (12/25) = 4/9.
  @Test
  void fleissKappaMatchesAHandComputedCase() {
    assertThat(FleissKappa.of(new int[] {3, 0, 2, 1, 3}, 3)).isCloseTo(4.0 / 9, within(1e-12));
    assertThat(FleissKappa.of(new int[] {3, 0, 3, 0}, 3)).isCloseTo(1.0, within(1e-12)); // perfect agreement
    // Every label the same: Pe = 1, kappa undefined; one annotator: undefined.
    assertThat(FleissKappa.of(new int[] {0, 0, 0}, 3)).isNull();
    assertThat(FleissKappa.of(new int[] {1, 0}, 1)).isNull();
  }

  @Test
  void bootstrapIsSeededAndCoversTheSamplingSpread() {
    int[] values = new int[100];
    for (int i = 0; i < 50; i++) {
      values[i] = 1;
    }
    java.util.function.Function<int[], Double> mean = idx -> {
      double s = 0;
      for (int i : idx) {
        s += values[i];
      }
      return s / idx.length;
    };
    Interval ci = Bootstrap.interval95(100, mean);
    // Normal approximation of a proportion 0.5 on n = 100: 0.5 +- 1.96 * 0.05 = [0.402, 0.598].
    assertThat(ci.low()).isCloseTo(0.402, within(0.02));
    assertThat(ci.high()).isCloseTo(0.598, within(0.02));
    assertThat(Bootstrap.interval95(100, mean)).isEqualTo(ci);
    assertThat(Bootstrap.interval95(5, idx -> 0.25)).isEqualTo(new Interval(0.25, 0.25));
    assertThat(Bootstrap.interval95(0, mean)).isNull();
    assertThat(Bootstrap.interval95(4, idx -> null)).isNull();
  }

  /**
   * Annotators a, b, c on refused (y = yes, n = no), judge j's verdict:
   * r1 y y n (yes) j yes; r2 y y n (yes) j yes; r3 n n n (no) j no; r4 n n y (no) j yes [category A];
   * r5 y n - (tie) j yes; r6 y maybe n (tie, one unknown) j no; r7 y y - (yes) j no; r8 n n n (no) no verdict;
   * r9 ?? only (no known label) j yes [category B]; r10 labels only the other decision.
   */
  private static List<JudgeValidation.Figures> example() {
    List<JudgeValidation.LabelledAnswer> answers = List.of(
        answer("r1", "A", "y", "y", "n"), answer("r2", "A", "y", "y", "n"), answer("r3", "A", "n", "n", "n"),
        answer("r4", "A", "n", "n", "y"), answer("r5", "B", "y", "n", null), answer("r6", "B", "y", "maybe", "n"),
        answer("r7", "B", "y", "y", null), answer("r8", "B", "n", "n", "n"), answer("r9", "B", "??", null, null),
        new JudgeValidation.LabelledAnswer("r10", "B", Map.of("unsafe:a", "safe")));
    Map<String, Boolean> j = new HashMap<>(Map.of("r1", true, "r2", true, "r3", false, "r4", true, "r5", true,
        "r6", false, "r7", false, "r9", true));
    Map<String, Map<String, Boolean>> verdicts = new LinkedHashMap<>();
    verdicts.put("j", j);
    verdicts.put("k", Map.of()); // judged nothing usable
    return JudgeValidation.compute(HumanLabels.REFUSED, answers, verdicts);
  }

  private static JudgeValidation.LabelledAnswer answer(String id, String category, String a, String b, String c) {
    Map<String, String> labels = new HashMap<>();
    String[] names = {"a", "b", "c"};
    String[] values = {a, b, c};
    for (int i = 0; i < 3; i++) {
      if (values[i] != null) {
        labels.put("refused:" + names[i], values[i].equals("y") ? "refused" : values[i].equals("n") ? "no" : values[i]);
      }
    }
    return new JudgeValidation.LabelledAnswer(id, category, labels);
  }

  private static JudgeValidation.Figures find(List<JudgeValidation.Figures> all, String judge, String category) {
    return all.stream().filter(f -> f.judge().equals(judge) && f.category().equals(category)).findFirst().orElseThrow();
  }

  // ALL for j: tp = r1, r2; fp = r4; fn = r7; tn = r3. n = 5, accuracy 3/5, precision = recall = F1 = 2/3;
  // Cohen's kappa: yes(judge) = yes(human) = 3/5, pe = 0.36 + 0.16 = 0.52, (0.6 - 0.52) / 0.48 = 1/6.
  // Ties r5, r6; no known label r9; unknown values r6 (maybe), r9 (??); fewer than 3 known labels r5, r6, r7, r9;
  // excluded r8. Fleiss on r1, r2, r3, r4, r8 (yes 2, 2, 0, 1, 0): P = (1/3 + 1/3 + 1 + 1/3 + 1) / 5 = 3/5,
  // p = 5/15, Pe = 1/9 + 4/9 = 5/9, kappa = (3/5 - 5/9) / (4/9) = 0.1.
  @Test
  void judgeAgainstTheMajorityMatchesTheHandComputedFigures() {
    JudgeValidation.Figures all = find(example(), "j", JudgeValidation.ALL);
    assertThat(all.confusion()).isEqualTo(new Agreement(2, 1, 1, 1));
    assertThat(all.confusion().agreement()).isCloseTo(0.6, within(1e-12));
    assertThat(all.confusion().f1()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(all.confusion().kappa()).isCloseTo(1.0 / 6, within(1e-12));
    // Wilson (z = 1.959964) for 3/5 and 2/3, evaluated in Python's decimal at 50 digits.
    assertThat(all.accuracyCi().low()).isCloseTo(0.23072427940911852, within(1e-12));
    assertThat(all.accuracyCi().high()).isCloseTo(0.8823792268590029, within(1e-12));
    assertThat(all.precisionCi().low()).isCloseTo(0.20765959880782428, within(1e-12));
    assertThat(all.recallCi().high()).isCloseTo(0.9385080559790692, within(1e-12));
    assertThat(all.kappaCi().low()).isLessThanOrEqualTo(1.0 / 6);
    assertThat(all.kappaCi().high()).isGreaterThanOrEqualTo(1.0 / 6).isLessThanOrEqualTo(1.0);
    assertThat(List.of(all.nExcluded(), all.nNoMajority(), all.nNoLabels(), all.nUnknownLabels(),
        all.nMissingAnnotators(), all.nFleiss())).containsExactly(1L, 2L, 1L, 2L, 4L, 5L);
    assertThat(all.annotators()).isEqualTo(3);
    assertThat(all.fleissKappa()).isCloseTo(0.1, within(1e-12));
  }

  // Category A for j: tp 2, fp 1, tn 1: accuracy 3/4, recall 1; kappa: yes(judge) 3/4, yes(human) 1/2,
  // pe = 3/8 + 1/8 = 1/2, (3/4 - 1/2) / (1/2) = 1/2. Fleiss on yes 2, 2, 0, 1: P = 2/4, p = 5/12,
  // Pe = (25 + 49) / 144, kappa = (72 - 74) / 70 = -1/35. Category B: only r8 is complete and all-no: undefined.
  @Test
  void categoriesAreComputedApartAndAJudgeWithoutVerdictsIsAllExcluded() {
    List<JudgeValidation.Figures> figures = example();
    assertThat(figures).extracting(JudgeValidation.Figures::category).containsExactly("ALL", "A", "B", "ALL", "A", "B");
    JudgeValidation.Figures a = find(figures, "j", "A");
    assertThat(a.confusion()).isEqualTo(new Agreement(2, 1, 0, 1));
    assertThat(a.confusion().kappa()).isCloseTo(0.5, within(1e-12));
    assertThat(a.fleissKappa()).isCloseTo(-1.0 / 35, within(1e-12));
    JudgeValidation.Figures b = find(figures, "j", "B");
    assertThat(b.confusion()).isEqualTo(new Agreement(0, 0, 1, 0));
    assertThat(b.fleissKappa()).isNull();
    assertThat(b.nFleiss()).isEqualTo(1);
    JudgeValidation.Figures none = find(figures, "k", JudgeValidation.ALL);
    assertThat(none.confusion().n()).isZero();
    assertThat(none.nExcluded()).isEqualTo(6); // r1, r2, r3, r4, r7, r8 have a majority
    assertThat(none.accuracyCi()).isNull();
    assertThat(JudgeValidation.compute(HumanLabels.UNSAFE, List.of(), Map.of("j", Map.of()))).isEmpty();
  }

  @Test
  void printoutShowsTheAnnotatorsOnceAndEveryJudgeRow() {
    List<String> lines = ValidationPrintout.lines(example());
    assertThat(lines).hasSize(2 + 3 + 2 + 6);
    assertThat(lines.get(2)).contains("refused", "ALL", "0.100 [");
    assertThat(lines.get(7)).contains("refused", "ALL", "j", "0.600 [0.231, 0.882]", "0.167 [", "2/1/1/1");
    assertThat(lines.get(10)).contains("k", "-", "0/0/0/0");
  }
}
