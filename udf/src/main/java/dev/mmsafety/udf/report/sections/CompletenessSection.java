package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whether every row ran (or which budget cap stopped the run, per dataset) and which answers came from other runs. */
public final class CompletenessSection {
  private CompletenessSection() {}

  /** The banner at the top of a partial run's page, before any rate is read. */
  public static void notice(ReportData.Completeness c, Page p) {
    if (!c.partial()) {
      return;
    }
    long notRun = c.notRunByDataset().values().stream().mapToLong(Long::longValue).sum();
    p.raw("<div class='notice' id='partial-notice'>PARTIAL RUN: stopped by ").text(String.join(", ", c.caps()))
        .text("; " + notRun + " rows were not run (see Completeness). The rates cover the rows that were run,"
            + " admitted stratified by dataset and category.").raw("</div>\n");
  }

  public static void render(ReportData d, Page p) {
    ReportData.Completeness c = d.completeness();
    if (c.partial()) {
      p.raw("<p>Budget cap: <b>").text(String.join(", ", c.caps()))
          .raw("</b>. Rows are probe \u00d7 model \u00d7 defense.</p>")
          .tableHead(null, List.of("dataset", "rows", "not run"));
      for (Map.Entry<String, Long> e : new TreeMap<>(c.rowsByDataset()).entrySet()) {
        p.raw("<tr><td>").text(e.getKey()).raw("</td><td class='num'>").text(String.valueOf(e.getValue()))
            .raw("</td><td class='num'>").text(String.valueOf(c.notRunByDataset().getOrDefault(e.getKey(), 0L)))
            .raw("</td></tr>");
      }
      p.tableEnd();
    } else {
      p.paragraph("Every row was run (no budget cap was reached).");
    }
    String scope = c.cacheScope() == null ? "" : " (inference.cache-scope: " + c.cacheScope() + ")";
    if (c.reusedFrom().isEmpty()) {
      p.raw("<p id='reuse'>").text("No answer was reused from an earlier run" + scope + ".").raw("</p>\n");
      return;
    }
    p.raw("<p id='reuse'>").text(c.reused() + " answers were reused from the response cache" + scope + ":")
        .raw("</p>").tableHead(null, List.of("first answered in run", "answers"));
    for (Map.Entry<String, Long> e : new TreeMap<>(c.reusedFrom()).entrySet()) {
      p.raw("<tr><td><code>").text(e.getKey()).raw("</code></td><td class='num'>")
          .text(String.valueOf(e.getValue())).raw("</td></tr>");
    }
    p.tableEnd();
  }
}
