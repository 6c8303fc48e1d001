package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** ASR per model, attack and judge (no defense, datasets pooled) over every run date in the output root. */
public final class TrendSection implements ReportSection {
  @Override
  public String id() {
    return "trend";
  }

  @Override
  public String title() {
    return "Trend over runs (ASR per model \u00b7 attack \u00b7 judge, no defense)";
  }

  @Override
  public void render(ReportData d, Page p) {
    Set<String> dates = new TreeSet<>();
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    for (ReportData.TrendPoint t : d.trend()) {
      dates.add(t.runDate());
      series.computeIfAbsent(t.series(), k -> new LinkedHashMap<>()).put(t.runDate(), t.rate());
    }
    if (dates.size() < 2) {
      p.raw("<p>Only one run date in this output root so far.</p>");
      return;
    }
    p.raw(p.charts().lines("ASR over runs, harmful datasets pooled", new ArrayList<>(dates), series)).raw("\n");
  }
}
