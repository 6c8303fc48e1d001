package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
import java.util.List;

/** Rejected input: counts by stage and reason, then the first rows with file, row, field and reason. */
public final class RejectsSection implements ReportSection {
  @Override
  public String id() {
    return "rejects";
  }

  @Override
  public String title() {
    return "Rejected input";
  }

  @Override
  public void render(ReportData d, Page p) {
    ReportData.Rejects r = d.rejects();
    if (r.total() == 0) {
      p.raw("<p>No input was rejected.</p>");
      return;
    }
    p.paragraph(r.total() + " items rejected.");
    p.tableHead("reject-counts", List.of("stage", "reason", "items"));
    for (ReportData.RejectCount c : r.counts()) {
      p.row(List.of(c.stage(), c.reasonCode(), Long.toString(c.count())));
    }
    p.tableEnd();
    p.paragraph(r.first().size() < r.total()
        ? "The first " + r.first().size() + " of " + r.total() + " (the counts above cover all):"
        : "Every rejected item:");
    p.tableHead("reject-rows", List.of("stage", "dataset", "file", "row", "field", "reason code", "reason"));
    for (ReportData.RejectRow x : r.first()) {
      p.row(List.of(x.stage(), nz(x.dataset()), nz(x.file()), nz(x.row()), nz(x.field()), x.reasonCode(),
          nz(x.reason())));
    }
    p.tableEnd();
  }

  private static String nz(String s) {
    return s == null ? "\u2013" : s;
  }
}
