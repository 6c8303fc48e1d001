package dev.mmsafety.udf.report;

/**
 * One section of report.html, about one concern. {@link HtmlReport#SECTIONS} lists them in page order; a new
 * section is one class and one line there.
 */
public interface ReportSection {
  /** Anchor id of the section (the heading's id, the table of contents' link). */
  String id();

  /** Heading text. */
  String title();

  /** Appends the section's body (the page writes the heading). Every value from {@code data} goes escaped. */
  void render(ReportData data, Page page);
}
