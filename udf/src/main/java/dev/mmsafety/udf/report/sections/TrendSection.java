package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** ASR per model, attack and judge (no defense, datasets pooled) over every run date in the output root. */
public final class TrendSection {
  private TrendSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    Set<String> dates = new TreeSet<>();
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    for (ReportData.TrendPoint t : d.trend()) {
      dates.add(t.runDate());
      series.computeIfAbsent(t.series(), k -> new LinkedHashMap<>()).put(t.runDate(), t.rate());
    }
    p.raw(p.charts().lines("ASR over runs, harmful datasets pooled", new ArrayList<>(dates), series)).raw("\n");
  }
}
