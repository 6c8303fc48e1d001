package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
import java.util.List;

/** Helper models (helpers:): listed as what they were used as; they have no rows of their own in the figures. */
public final class HelpersSection implements ReportSection {
  @Override
  public String id() {
    return "helpers";
  }

  @Override
  public String title() {
    return "Helper models (not evaluated)";
  }

  @Override
  public void render(ReportData d, Page p) {
    if (d.helpers().isEmpty()) {
      p.paragraph("No helper models: no guard, LLM judge, captioner, attacker or rewriter was called.");
      return;
    }
    p.raw("<p class='muted'>Guards, judges, captioners, attackers and rewriters the run called; they are not"
        + " models under test and have no metrics of their own.</p>")
        .tableHead(null, List.of("helper", "role", "served model", "endpoints"));
    for (ReportData.Helper x : d.helpers()) {
      p.row(List.of(x.name() + (x.simulator() ? " (simulated)" : ""), x.role(), x.model(),
          String.join(", ", x.endpoints())));
    }
    p.tableEnd();
  }
}
