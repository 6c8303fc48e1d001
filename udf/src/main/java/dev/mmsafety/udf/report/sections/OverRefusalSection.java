package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.Svg;
import java.util.ArrayList;
import java.util.List;

/** Over-refusal on benign cases per model, defense and judge (attacks and datasets pooled, as the chart says). */
public final class OverRefusalSection {
  private OverRefusalSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    List<Svg.Bar> bars = new ArrayList<>();
    for (ReportData.OverRefusal o : d.overRefusal()) {
      bars.add(new Svg.Bar(o.model() + " \u00b7 " + o.defense() + " \u00b7 " + o.judge() + " (n=" + o.rate().n() + ")",
          o.rate().rate(), o.rate().low(), o.rate().high()));
    }
    p.raw(p.charts().bars("Over-refusal rate by defense, benign datasets and attacks pooled", bars)).raw("\n");
  }
}
