package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Html;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.Svg;
import java.util.ArrayList;
import java.util.List;

/** Paired defense deltas against no defense, with McNemar p-values and a diverging bar chart. */
public final class DefensesSection {
  private DefensesSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.tableHead(null, List.of("model", "judge", "defense", "measure", "pairs", "delta", "McNemar p", "test"));
    List<Svg.Bar> bars = new ArrayList<>();
    for (ReportData.DefenseDelta x : d.defenseDeltas()) {
      String measure = x.metric().startsWith("asr") ? "ASR change" : "over-refusal cost";
      p.raw("<tr><td>").text(x.model()).raw("</td><td>").text(x.judge()).raw("</td><td>").text(x.defense())
          .raw("</td><td>").text(measure).raw("</td><td class='num'>").text(Long.toString(x.n()))
          .raw("</td><td class='num'>").text(Html.points(x.delta())).raw("</td><td class='num'>")
          .text(Html.pValue(x.pValue())).raw("</td><td>").text(x.test()).raw("</td></tr>");
      bars.add(new Svg.Bar(x.model() + " \u00b7 " + x.defense() + " \u00b7 " + measure + " (n=" + x.n() + ")",
          x.delta(), null, null));
    }
    p.tableEnd().raw(p.charts().deltas("Defense deltas", bars)).raw("\n");
  }
}
