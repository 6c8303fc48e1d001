package dev.mmsafety.udf.report;

import dev.mmsafety.udf.report.sections.AgreementSection;
import dev.mmsafety.udf.report.sections.CompletenessSection;
import dev.mmsafety.udf.report.sections.DefensesSection;
import dev.mmsafety.udf.report.sections.HeadlineSection;
import dev.mmsafety.udf.report.sections.HeatmapSection;
import dev.mmsafety.udf.report.sections.HelpersSection;
import dev.mmsafety.udf.report.sections.AdaptiveSection;
import dev.mmsafety.udf.report.sections.OverRefusalSection;
import dev.mmsafety.udf.report.sections.RegressionsSection;
import dev.mmsafety.udf.report.sections.RejectsSection;
import dev.mmsafety.udf.report.sections.SamplesSection;
import dev.mmsafety.udf.report.sections.ValidationSection;
import dev.mmsafety.udf.report.sections.TrendSection;
import dev.mmsafety.udf.report.sections.WhatWasRunSection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Renders report.html: one self-contained page (inline CSS, SVG and one inline script; no fonts, images from
 * elsewhere or links out), so it opens offline. A Content-Security-Policy allows only that style and script (by
 * hash) and images by relative path; the sample data is a JSON block the script parses. Every value from the data
 * is escaped, in the markup and in the JSON. The page is the {@link #SECTIONS} in order.
 */
public final class HtmlReport {
  /** The sections, in page order. */
  public static final List<ReportSection> SECTIONS = List.of(
      ReportSection.of("headline", "Headline: attack success per model and attack (no defense)",
          HeadlineSection::render).emptyWhen(d -> d.headline().isEmpty(), "<p>No metrics for this run.</p>"),
      ReportSection.of("what-was-run", "What was run", WhatWasRunSection::render),
      ReportSection.of("completeness", "Completeness and reuse", CompletenessSection::render),
      ReportSection.of("helpers", "Helper models (not evaluated)", HelpersSection::render).emptyWhen(
          d -> d.helpers().isEmpty(),
          "<p>No helper models: no guard, LLM judge, captioner, attacker or rewriter was called.</p>\n"),
      ReportSection.of("heatmap", "ASR by category \u00d7 attack (no defense)", HeatmapSection::render)
          .emptyWhen(d -> d.heatmap().isEmpty(), "<p>No harmful verdicts to show.</p>"),
      ReportSection.of("defenses", "Defense effect (paired against no defense)", DefensesSection::render)
          .emptyWhen(d -> d.defenseDeltas().isEmpty(), "<p>No defense other than <code>none</code> was run.</p>"),
      ReportSection.of("over-refusal", "Over-refusal on benign cases, by defense", OverRefusalSection::render)
          .emptyWhen(d -> d.overRefusal().isEmpty(), "<p>No benign cases in this run.</p>"),
      ReportSection.of("adaptive", "Adaptive attacks: success by round", AdaptiveSection::render)
          .emptyWhen(d -> d.adaptive().isEmpty(), "<p>No adaptive attack (pair, tap) in this run.</p>\n"),
      ReportSection.of("agreement", "Judge agreement", AgreementSection::render).emptyWhen(
          d -> d.agreement().isEmpty(), "<p>Only one judge and no human labels: nothing to compare.</p>"),
      ReportSection.of("validation", "Judges against human labels", ValidationSection::render).emptyWhen(
          d -> d.validation().isEmpty(), "<p>No labels file validated in this run (./mmsafety judge validate).</p>\n"),
      ReportSection.of("regressions", "Regressions against the baseline", RegressionsSection::render)
          .emptyWhen(d -> d.baseline() == null, "<p id='no-baseline'>No baseline: no earlier succeeded run in this"
              + " output root (or the configured baseline has no metrics).</p>"),
      ReportSection.of("trend", "Trend over runs (ASR per model \u00b7 attack \u00b7 judge, no defense)",
          TrendSection::render).emptyWhen(
              d -> d.trend().stream().map(ReportData.TrendPoint::runDate).distinct().count() < 2,
              "<p>Only one run date in this output root so far.</p>"),
      ReportSection.of("rejects", "Rejected input", RejectsSection::render)
          .emptyWhen(d -> d.rejects().total() == 0, "<p>No input was rejected.</p>"),
      ReportSection.of("samples", "Sample browser", SamplesSection::render)
          .emptyWhen(d -> d.samples().samples().isEmpty(), "<p id='no-samples'>No responses to browse.</p>"));

  static final String CSS = resource("report.css");
  static final String SCRIPT = resource("report.js");
  /** The page's policy: nothing but its own style and script, and images from files next to it. */
  static final String CSP = "default-src 'none'; script-src '" + sha256(SCRIPT) + "'; style-src '" + sha256(CSS)
      + "'; img-src 'self'; base-uri 'none'; form-action 'none'";

  private HtmlReport() {}

  public static String render(ReportData d) {
    StringBuilder h = new StringBuilder(256 * 1024);
    h.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>")
        .append("<meta http-equiv='Content-Security-Policy' content=\"").append(CSP).append("\">")
        .append("<meta name='viewport' content='width=device-width, initial-scale=1'>")
        .append("<title>mmsafety report ").append(Html.escape(d.runDate())).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    Page page = new Page(h, d.simulated());
    h.append("<h1>mmsafety safety evaluation</h1><p>Run <code>").append(Html.escape(d.runId()))
        .append("</code>, run date ").append(Html.escape(d.runDate())).append(".</p>\n");
    if (d.simulated()) {
      h.append("<div class='notice' id='simulator-notice'>SIMULATED MODEL: ")
          .append(Html.escape(String.join(", ", d.simulatedModels())))
          .append(d.simulatedModels().size() == 1 ? " was" : " were")
          .append(" the built-in simulator, not a real model. Its figures test the pipeline and say nothing about"
              + " any model's safety; every chart below is marked SIMULATED.</div>\n");
    }
    CompletenessSection.notice(d.completeness(), page);
    if (d.samples().responses() == 0) {
      h.append("<div class='notice' id='no-responses'>No responses: run ").append(Html.escape(d.runId()))
          .append(" has no model responses, so there is nothing to measure. ")
          .append(Html.escape(d.inventory().cases() + " cases were ingested and "
              + d.rejects().total() + " input items rejected"))
          .append("; see What was run and Rejected input below.</div>\n");
    }
    h.append("<nav class='toc'>");
    for (ReportSection s : SECTIONS) {
      h.append("<a href='#").append(s.id()).append("'>").append(Html.escape(s.title())).append("</a> ");
    }
    h.append("</nav>\n");
    for (ReportSection s : SECTIONS) {
      h.append("<h2 id='").append(s.id()).append("'>").append(Html.escape(s.title())).append("</h2>\n");
      s.render(d, page);
    }
    h.append("<p class='muted'>Rates are shares of verdicts with status ok; errors and unparseable verdicts are"
        + " counted apart. Intervals are Wilson 95%. Definitions: docs/metrics.md; this page: docs/report.md.</p>\n");
    h.append("<script type='application/json' id='sample-data'>").append(SampleJson.write(d)).append("</script>\n")
        .append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Cannot load report resource " + name + ": not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load report resource " + name + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash report script: " + e.getMessage(), e);
    }
  }
}
