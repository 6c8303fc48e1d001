package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Html;
import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
import dev.mmsafety.udf.report.Svg;
import java.util.ArrayList;
import java.util.List;

/** Paired defense deltas against no defense, with McNemar p-values and a diverging bar chart. */
public final class DefensesSection implements ReportSection {
  @Override
  public String id() {
    return "defenses";
  }

  @Override
  public String title() {
    return "Defense effect (paired against no defense)";
  }

  @Override
  public void render(ReportData d, Page p) {
    if (d.defenseDeltas().isEmpty()) {
      p.raw("<p>No defense other than <code>none</code> was run.</p>");
      return;
    }
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
