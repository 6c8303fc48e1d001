package dev.mmsafety.udf.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Judges against the majority of human annotators ({@code judge validate}), per judge x category (and all
 * categories, {@link #ALL}) on one decision. Labels are responses.human_labels keyed {@code decision:annotator}
 * (as import-responses stores a labels file that names its decision). The annotators are every name that labelled
 * the decision anywhere (m of them). Per answer: the strict majority of its known labels is the reference; a tie,
 * no known label, an unknown value (a label that is not a yes/no of the decision) and an answer with fewer than m
 * labels are counted, never guessed: ties and unlabelled answers are left out of every majority-based figure, unknown
 * values are left out of the vote. Fleiss' kappa uses the answers all m annotators labelled validly.
 *
 * <p>Intervals (95%): Wilson for accuracy, precision and recall (proportions of items); a seeded percentile
 * {@link Bootstrap} over items for F1, Cohen's kappa and Fleiss' kappa.
 */
public final class JudgeValidation {
  public static final String ALL = "ALL";

  /** One labelled answer: its response id, category (null = none) and human_labels. */
  public record LabelledAnswer(String responseId, String category, Map<String, String> labels) {}

  /**
   * One judge x category x decision.
   *
   * @param confusion judge (rater) vs human majority (reference) on answers with a majority and a usable verdict
   * @param nExcluded answers with a majority but no usable verdict of this judge
   * @param nNoMajority answers whose known labels tied
   * @param nNoLabels answers with labels for the decision but none known
   * @param nUnknownLabels labels whose value is not a yes/no of the decision
   * @param nMissingAnnotators answers labelled (validly) by fewer than {@code annotators}
   * @param annotators m: annotators who labelled the decision in the file
   * @param nFleiss answers all m annotators labelled validly (Fleiss' kappa's items)
   */
  public record Figures(
      String judge, String category, String decision, Agreement confusion, Interval accuracyCi,
      Interval precisionCi, Interval recallCi, Interval f1Ci, Interval kappaCi, long nExcluded, long nNoMajority,
      long nNoLabels, long nUnknownLabels, long nMissingAnnotators, int annotators, Double fleissKappa,
      Interval fleissCi, long nFleiss) {}

  /** The known labels of one answer for one decision. */
  private record Tally(String responseId, String category, int yes, int no, int unknown) {
    int known() {
      return yes + no;
    }

    HumanLabels.Outcome majority() {
      return known() == 0 ? HumanLabels.Outcome.NO_LABELS
          : yes == no ? HumanLabels.Outcome.NO_MAJORITY
          : yes > no ? HumanLabels.Outcome.YES : HumanLabels.Outcome.NO;
    }
  }

  private JudgeValidation() {}

  /**
   * Figures for every judge, for all answers and per category; empty when no answer labels {@code decision}.
   *
   * @param verdicts judge -> response id -> the judge's decision; a missing or null entry is no usable verdict
   */
  public static List<Figures> compute(
      String decision, List<LabelledAnswer> answers, Map<String, Map<String, Boolean>> verdicts) {
    String prefix = decision + HumanLabels.KEY_SEPARATOR;
    TreeSet<String> annotators = new TreeSet<>();
    List<Tally> tallies = new ArrayList<>();
    for (LabelledAnswer a : answers) {
      int yes = 0;
      int no = 0;
      int unknown = 0;
      boolean any = false;
      for (Map.Entry<String, String> e : a.labels().entrySet()) {
        if (!e.getKey().startsWith(prefix)) {
          continue;
        }
        any = true;
        annotators.add(e.getKey().substring(prefix.length()));
        Boolean label = HumanLabels.parse(decision, e.getValue());
        if (label == null) {
          unknown++;
        } else if (label) {
          yes++;
        } else {
          no++;
        }
      }
      if (any) {
        tallies.add(new Tally(a.responseId(), a.category(), yes, no, unknown));
      }
    }
    List<Figures> out = new ArrayList<>();
    if (tallies.isEmpty()) {
      return out;
    }
    TreeSet<String> categories = new TreeSet<>();
    tallies.stream().map(Tally::category).filter(c -> c != null && !c.isBlank()).forEach(categories::add);
    List<String> groups = new ArrayList<>();
    groups.add(ALL);
    groups.addAll(categories);
    for (String judge : new TreeSet<>(verdicts.keySet())) {
      for (String category : groups) {
        List<Tally> subset = tallies.stream().filter(t -> category.equals(ALL) || category.equals(t.category())).toList();
        out.add(figures(judge, category, decision, subset, annotators.size(), verdicts.get(judge)));
      }
    }
    return out;
  }

  private static Figures figures(
      String judge, String category, String decision, List<Tally> tallies, int m, Map<String, Boolean> verdicts) {
    List<boolean[]> pairs = new ArrayList<>(); // {judge, human}
    long excluded = 0;
    long noMajority = 0;
    long noLabels = 0;
    long unknown = 0;
    long missing = 0;
    List<Integer> complete = new ArrayList<>();
    for (Tally t : tallies) {
      unknown += t.unknown();
      if (t.known() < m) {
        missing++;
      } else {
        complete.add(t.yes());
      }
      switch (t.majority()) {
        case NO_LABELS -> noLabels++;
        case NO_MAJORITY -> noMajority++;
        default -> {
          Boolean verdict = verdicts.get(t.responseId());
          if (verdict == null) {
            excluded++;
          } else {
            pairs.add(new boolean[] {verdict, t.majority() == HumanLabels.Outcome.YES});
          }
        }
      }
    }
    Agreement c = confusion(pairs, Bootstrap.identity(pairs.size()));
    int[] yes = complete.stream().mapToInt(Integer::intValue).toArray();
    return new Figures(judge, category, decision, c, Wilson.interval95(c.agreed(), c.n()),
        Wilson.interval95(c.tp(), c.tp() + c.fp()), Wilson.interval95(c.tp(), c.tp() + c.fn()),
        Bootstrap.interval95(pairs.size(), idx -> confusion(pairs, idx).f1()),
        Bootstrap.interval95(pairs.size(), idx -> confusion(pairs, idx).kappa()), excluded, noMajority, noLabels,
        unknown, missing, m, FleissKappa.of(yes, m), Bootstrap.interval95(yes.length, idx -> FleissKappa.of(yes, m, idx)),
        yes.length);
  }

  private static Agreement confusion(List<boolean[]> pairs, int[] indices) {
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i : indices) {
      boolean[] p = pairs.get(i);
      if (p[0] && p[1]) {
        tp++;
      } else if (p[0]) {
        fp++;
      } else if (p[1]) {
        fn++;
      } else {
        tn++;
      }
    }
    return new Agreement(tp, fp, fn, tn);
  }
}
