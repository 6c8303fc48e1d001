package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.SampleStrata;

/**
 * The sample browser's frame: the sampling rule, the redaction note and empty containers the page's script
 * fills from the JSON data block (filters, the matching rows, one sample's prompt, images, answer and verdicts).
 */
public final class SamplesSection {
  private SamplesSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    ReportData.SampleSet set = d.samples();
    p.raw("<p id='sample-rule'>").text(SampleStrata.rule(set)).raw("</p>");
    p.raw("<p>").text(d.redacted()
        ? "Answers to harmful cases, and answers any judge called unsafe, are covered: click \u201creveal\u201d to"
            + " read one (report.redact-samples: true). Covered text is in this file; report.response-text: hash"
            + " keeps answer text out of the tables and this page."
        : "Redaction is OFF (report.redact-samples: false): answers are shown as the model wrote them.")
        .raw("</p>");
    p.raw("<noscript><p class='flag'>The sample browser needs JavaScript (inline only; nothing is fetched).</p>"
        + "</noscript>");
    p.raw("<div id='sample-filters' class='filters'></div><p id='sample-count' class='muted'></p>"
        + "<table id='sample-table' class='samples'><thead><tr><th>model</th><th>benchmark</th><th>variant</th>"
        + "<th>category</th><th>attack</th><th>defense</th><th>polarity</th><th>outcome</th><th>judges</th>"
        + "</tr></thead><tbody></tbody></table><p><button type='button' id='sample-more'>show more</button></p>\n");
  }
}
