package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.List;

/** Rejected input: counts by stage and reason, then the first rows with file, row, field and reason. */
public final class RejectsSection {
  private RejectsSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    ReportData.Rejects r = d.rejects();
    p.paragraph(r.total() + " items rejected.");
    p.table("reject-counts", List.of("stage", "reason", "items"), r.counts(),
        c -> List.of(c.stage(), c.reasonCode(), Long.toString(c.count())));
    p.paragraph(r.first().size() < r.total()
        ? "The first " + r.first().size() + " of " + r.total() + " (the counts above cover all):"
        : "Every rejected item:");
    p.table("reject-rows", List.of("stage", "dataset", "file", "row", "field", "reason code", "reason"), r.first(),
        x -> List.of(x.stage(), nz(x.dataset()), nz(x.file()), nz(x.row()), nz(x.field()), x.reasonCode(),
            nz(x.reason())));
  }

  private static String nz(String s) {
    return s == null ? "\u2013" : s;
  }
}
