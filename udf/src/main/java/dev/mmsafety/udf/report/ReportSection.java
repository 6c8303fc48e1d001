package dev.mmsafety.udf.report;

import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One section of report.html, about one concern: its anchor id (the heading's id, the table of contents' link),
 * its heading, and its body, which appends the section (the page writes the heading) with every value from the
 * data escaped. A section the run may have nothing for names that case and the markup it shows then (its own
 * markup, never data), so its body only handles data that is there. {@link HtmlReport#SECTIONS} lists them in page
 * order; a new section is one class with its body and one entry there.
 */
public record ReportSection(
    String id, String title, BiConsumer<ReportData, Page> body, Predicate<ReportData> empty, String emptyMarkup) {

  /** A section that always shows its body. */
  public static ReportSection of(String id, String title, BiConsumer<ReportData, Page> body) {
    return new ReportSection(id, title, body, data -> false, "");
  }

  /** This section, showing {@code markup} instead of its body when {@code whenEmpty} holds for the data. */
  public ReportSection emptyWhen(Predicate<ReportData> whenEmpty, String markup) {
    return new ReportSection(id, title, body, whenEmpty, markup);
  }

  /** Appends the section: the empty markup, or the body. */
  public void render(ReportData data, Page page) {
    if (empty.test(data)) {
      page.raw(emptyMarkup);
    } else {
      body.accept(data, page);
    }
  }
}
