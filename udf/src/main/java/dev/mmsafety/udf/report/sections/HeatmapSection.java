package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.Svg;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** ASR by canonical category x attack without defense, one heatmap per model x judge, n in every cell. */
public final class HeatmapSection {
  private HeatmapSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.raw("<p>Datasets are pooled per category of the shared taxonomy (docs/taxonomy.md). Each cell gives the"
        + " rate and its n (harmful verdicts with status ok); a grey \u201cno data\u201d cell had no such"
        + " verdict.</p>");
    for (Map.Entry<String, List<ReportData.HeatCell>> e :
        Svg.ordered(d.heatmap(), c -> c.model() + " \u00b7 judge " + c.judge()).entrySet()) {
      Set<String> rows = new TreeSet<>();
      Set<String> cols = new TreeSet<>(HeadlineSection.NONE_FIRST);
      Map<List<String>, ReportData.Rate> values = new HashMap<>();
      for (ReportData.HeatCell c : e.getValue()) {
        rows.add(c.category());
        cols.add(c.attack());
        values.put(List.of(c.category(), c.attack()), c.asr());
      }
      p.raw("<h3>").text(e.getKey()).raw("</h3>")
          .raw(p.charts().heatmap("ASR heatmap " + e.getKey(), new ArrayList<>(rows), new ArrayList<>(cols), values))
          .raw("\n");
    }
  }
}
