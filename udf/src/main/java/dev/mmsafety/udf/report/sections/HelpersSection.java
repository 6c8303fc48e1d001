package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;

/** Helper models (helpers:): listed as what they were used as; they have no rows of their own in the figures. */
public final class HelpersSection {
  private HelpersSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.raw("<p class='muted'>Guards, judges, captioners, attackers and rewriters the run called; they are not"
        + " models under test and have no metrics of their own.</p>")
        .table(null, List.of("helper", "role", "served model", "endpoints"), d.helpers(),
            x -> List.of(x.name() + (x.simulator() ? " (simulated)" : ""), x.role(), x.model(),
                String.join(", ", x.endpoints())));
  }
}
