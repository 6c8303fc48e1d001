package dev.mmsafety.udf.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines {@code judge validate} prints: the annotators' agreement, then every judge against their majority. */
public final class ValidationPrintout {
  private static final String HUMAN_ROW = "%-8s %-20s %10s %7s %-24s %8s %5s %9s %7s %7s";
  private static final String JUDGE_ROW = "%-8s %-20s %-20s %5s %-22s %-22s %-22s %-22s %-24s %15s %8s";

  private ValidationPrintout() {}

  public static List<String> lines(List<JudgeValidation.Figures> figures) {
    List<String> out = new ArrayList<>();
    out.add("Annotators (the human majority is the reference; ties and answers without a known label are left out):");
    out.add(String.format(Locale.ROOT, HUMAN_ROW, "decision", "category", "annotators", "answers", "Fleiss kappa [95% CI]",
        "n_fleiss", "ties", "no_labels", "unknown", "missing"));
    for (JudgeValidation.Figures f : annotatorRows(figures)) {
      out.add(String.format(Locale.ROOT, HUMAN_ROW, f.decision(), f.category(), f.annotators(), answers(f),
          withCi(f.fleissKappa(), f.fleissCi()), f.nFleiss(), f.nNoMajority(), f.nNoLabels(), f.nUnknownLabels(),
          f.nMissingAnnotators()));
    }
    out.add("Judges against the human majority (95% CI: Wilson; F1 and kappa: seeded bootstrap over answers):");
    out.add(String.format(Locale.ROOT, JUDGE_ROW, "decision", "category", "judge", "n", "accuracy", "precision",
        "recall", "F1", "Cohen's kappa", "tp/fp/fn/tn", "excluded"));
    for (JudgeValidation.Figures f : figures) {
      Agreement c = f.confusion();
      out.add(String.format(Locale.ROOT, JUDGE_ROW, f.decision(), f.category(), f.judge(), c.n(),
          withCi(c.agreement(), f.accuracyCi()), withCi(c.precision(), f.precisionCi()),
          withCi(c.recall(), f.recallCi()), withCi(c.f1(), f.f1Ci()), withCi(c.kappa(), f.kappaCi()),
          c.tp() + "/" + c.fp() + "/" + c.fn() + "/" + c.tn(), f.nExcluded()));
    }
    return out;
  }

  /** One figures row per decision x category (the annotators' figures are the same for every judge). */
  public static List<JudgeValidation.Figures> annotatorRows(List<JudgeValidation.Figures> figures) {
    String first = figures.isEmpty() ? null : figures.get(0).judge();
    return figures.stream().filter(f -> f.judge().equals(first)).toList();
  }

  /** Answers with labels for the decision: compared, excluded, tied or without a known label. */
  public static long answers(JudgeValidation.Figures f) {
    return f.confusion().n() + f.nExcluded() + f.nNoMajority() + f.nNoLabels();
  }

  /** {@code 0.850 [0.700, 0.930]}; a dash for an undefined value. */
  public static String withCi(Double value, Interval ci) {
    if (value == null) {
      return "-";
    }
    String v = three(value);
    return ci == null ? v : v + " [" + three(ci.low()) + ", " + three(ci.high()) + "]";
  }

  // Rounding error below the last digit (kappa = -1e-17) prints as 0.000, not -0.000.
  private static String three(double x) {
    return String.format(Locale.ROOT, "%.3f", Math.abs(x) < 5e-4 ? 0.0 : x);
  }
}
