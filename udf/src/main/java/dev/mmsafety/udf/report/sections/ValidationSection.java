package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.metrics.Agreement;
import dev.mmsafety.udf.metrics.JudgeValidation;
import dev.mmsafety.udf.metrics.ValidationPrintout;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;

/** judge validate: the annotators' own agreement, then every judge against their majority, per category. */
public final class ValidationSection {
  private ValidationSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.paragraph("The reference is the annotators' strict majority; ties and answers without a known label are left out"
        + " and counted. 95% intervals: Wilson for accuracy, precision and recall; seeded bootstrap for F1 and kappa.");
    p.table(null, List.of("decision", "category", "annotators", "answers", "Fleiss' \u03ba", "n (Fleiss)", "ties",
        "no label", "unknown labels", "missing annotators"), ValidationPrintout.annotatorRows(d.validation()),
        f -> List.of(f.decision(), f.category(), Integer.toString(f.annotators()),
            Long.toString(ValidationPrintout.answers(f)), ValidationPrintout.withCi(f.fleissKappa(), f.fleissCi()),
            Long.toString(f.nFleiss()), Long.toString(f.nNoMajority()), Long.toString(f.nNoLabels()),
            Long.toString(f.nUnknownLabels()), Long.toString(f.nMissingAnnotators())));
    p.table(null, List.of("decision", "category", "judge", "n", "accuracy", "precision", "recall", "F1",
        "Cohen's \u03ba", "tp / fp / fn / tn", "excluded"), d.validation(), ValidationSection::judgeRow);
  }

  private static List<String> judgeRow(JudgeValidation.Figures f) {
    Agreement c = f.confusion();
    return List.of(f.decision(), f.category(), f.judge(), Long.toString(c.n()),
        ValidationPrintout.withCi(c.agreement(), f.accuracyCi()),
        ValidationPrintout.withCi(c.precision(), f.precisionCi()), ValidationPrintout.withCi(c.recall(), f.recallCi()),
        ValidationPrintout.withCi(c.f1(), f.f1Ci()), ValidationPrintout.withCi(c.kappa(), f.kappaCi()),
        c.tp() + " / " + c.fp() + " / " + c.fn() + " / " + c.tn(), Long.toString(f.nExcluded()));
  }
}
