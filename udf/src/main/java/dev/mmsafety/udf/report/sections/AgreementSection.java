package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Html;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
import java.util.List;

/** Agreement between judges, and with human labels where imported. */
public final class AgreementSection implements ReportSection {
  @Override
  public String id() {
    return "agreement";
  }

  @Override
  public String title() {
    return "Judge agreement";
  }

  @Override
  public void render(ReportData d, Page p) {
    if (d.agreement().isEmpty()) {
      p.raw("<p>Only one judge and no human labels: nothing to compare.</p>");
      return;
    }
    p.tableHead(null, List.of("model", "judge", "against", "decision", "n", "agreement", "Cohen's \u03ba",
        "precision", "recall", "F1", "excluded"));
    for (ReportData.AgreementRow a : d.agreement()) {
      p.row(List.of(a.model(), a.judge(), a.other(), a.decision(), Long.toString(a.n()), Html.pct(a.agreement()),
          Html.num(a.kappa(), 3), Html.num(a.precision(), 3), Html.num(a.recall(), 3), Html.num(a.f1(), 3),
          Long.toString(a.nExcluded())));
    }
    p.tableEnd();
  }
}
