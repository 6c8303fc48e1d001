package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportData.ComponentRow;
import java.util.List;

/**
 * What was run: datasets with case counts per variant, attacks and defenses with their parameters, judges with
 * the template hashes their verdicts carry, models with endpoints (never keys or URL credentials).
 */
public final class WhatWasRunSection {
  private WhatWasRunSection() {}

  public static void render(ReportData d, Page p) {
    ReportData.Inventory inv = d.inventory();
    p.raw("<h3>Datasets</h3>");
    if (inv.datasets().isEmpty()) {
      p.raw("<p>No cases were ingested.</p>");
    } else {
      p.tableHead("inventory datasets", List.of("dataset", "benchmark", "variant", "harmful cases", "benign cases"));
      long harmful = 0;
      long benign = 0;
      for (ReportData.DatasetRow r : inv.datasets()) {
        p.row(List.of(r.dataset(), r.benchmark(), r.variant(), Long.toString(r.harmful()), Long.toString(r.benign())));
        harmful += r.harmful();
        benign += r.benign();
      }
      p.raw("<tr class='total'><td colspan='3'>all datasets</td><td>").text(Long.toString(harmful))
          .raw("</td><td>").text(Long.toString(benign)).raw("</td></tr>").tableEnd();
    }
    components(p, "Attacks", "probes", inv.attacks(), "No attacks configured.");
    components(p, "Defenses", "responses", inv.defenses(), "No defenses configured: every request went as is.");
    p.raw("<h3>Judges</h3>");
    if (inv.judges().isEmpty()) {
      p.raw("<p>No judges configured.</p>");
    } else {
      p.tableHead("inventory judges", List.of("judge", "type", "parameters", "templates (kind, version, sha256)"));
      for (ReportData.JudgeRow j : inv.judges()) {
        p.raw("<tr><td>").text(j.name()).raw("</td><td>").text(j.type()).raw("</td><td><code>").text(j.params())
            .raw("</code></td><td>");
        if (j.templates().isEmpty()) {
          p.raw("<span class='muted'>no verdicts</span>");
        }
        for (String t : j.templates()) {
          p.raw("<code>").text(t).raw("</code><br>");
        }
        p.raw("</td></tr>");
      }
      p.tableEnd();
    }
    p.raw("<h3>Models under test</h3>");
    if (inv.models().isEmpty()) {
      p.raw("<p>No models configured.</p>");
      return;
    }
    p.tableHead("inventory models", List.of("model", "served name", "endpoints", "generation", "responses"));
    for (ReportData.ModelRow m : inv.models()) {
      p.raw("<tr><td>").text(m.name());
      if (m.simulator()) {
        p.raw(" <span class='sim-badge'>SIMULATED</span>");
      }
      p.raw("</td><td>").text(m.modelId()).raw("</td><td>").text(String.join(", ", m.endpoints()))
          .raw("</td><td><code>").text(m.generation()).raw("</code></td><td class='num'>")
          .text(m.responses() == null ? "\u2013" : Long.toString(m.responses())).raw("</td></tr>");
    }
    p.tableEnd();
  }

  private static void components(Page p, String heading, String counted, List<ComponentRow> rows, String empty) {
    p.raw("<h3>").text(heading).raw("</h3>");
    if (rows.isEmpty()) {
      p.raw("<p>").text(empty).raw("</p>");
      return;
    }
    p.tableHead("inventory " + heading.toLowerCase(java.util.Locale.ROOT),
        List.of("name", "type", "parameters", "applies to", counted));
    for (ComponentRow r : rows) {
      p.raw("<tr><td>").text(r.name()).raw("</td><td>").text(r.type()).raw("</td><td><code>").text(r.params())
          .raw("</code></td><td>").text(r.scope()).raw("</td><td class='num'>")
          .text(r.rows() == null ? "\u2013" : Long.toString(r.rows())).raw("</td></tr>");
    }
    p.tableEnd();
  }
}
