package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Html;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Groups compared against the baseline run, flagged regressions first (the first 50). */
public final class RegressionsSection {
  static final int SHOWN = 50;

  private RegressionsSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    long flagged = d.regressions().stream().filter(ReportData.RegressionRow::flagged).count();
    p.raw("<p>Baseline run <code>").text(d.baseline().runId()).raw("</code> (").text(d.baseline().runDate())
        .raw("): ").text(Long.toString(d.regressions().size())).raw(" groups compared, <span class='")
        .raw(flagged > 0 ? "flag" : "").raw("'>").text(Long.toString(flagged)).raw(" flagged</span>.</p>");
    List<ReportData.RegressionRow> shown = new ArrayList<>(d.regressions());
    shown.sort(Comparator.comparing((ReportData.RegressionRow r) -> !r.flagged())
        .thenComparing(r -> -(r.delta() == null ? 0 : r.delta())));
    p.tableHead(null, List.of("model", "group", "metric", "baseline", "now", "delta", "p", "flag"));
    for (ReportData.RegressionRow r : shown.subList(0, Math.min(SHOWN, shown.size()))) {
      p.raw("<tr><td>").text(r.model()).raw("</td><td>").text(r.group()).raw("</td><td>").text(r.metric())
          .raw("</td><td class='num'>").text(Html.pct(r.baselineRate())).raw("</td><td class='num'>")
          .text(Html.pct(r.rate())).raw("</td><td class='num'>").text(Html.points(r.delta()))
          .raw("</td><td class='num'>").text(Html.pValue(r.pValue())).raw("</td><td>")
          .raw(r.flagged() ? "<span class='flag'>REGRESSION</span>" : "").raw("</td></tr>");
    }
    p.tableEnd();
  }
}
