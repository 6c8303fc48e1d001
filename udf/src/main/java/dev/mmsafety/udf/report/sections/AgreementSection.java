package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Html;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;

/** Agreement between judges, and with human labels where imported. */
public final class AgreementSection {
  private AgreementSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.table(null, List.of("model", "judge", "against", "decision", "n", "agreement", "Cohen's \u03ba", "precision",
        "recall", "F1", "excluded"), d.agreement(), a -> List.of(a.model(), a.judge(), a.other(), a.decision(),
        Long.toString(a.n()), Html.pct(a.agreement()), Html.num(a.kappa(), 3), Html.num(a.precision(), 3),
        Html.num(a.recall(), 3), Html.num(a.f1(), 3), Long.toString(a.nExcluded())));
  }
}
