package dev.mmsafety.udf.report;

import dev.mmsafety.udf.report.ReportData.Rate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders report.html: one self-contained page (inline CSS and SVG, no scripts, fonts or links to anything), so
 * it opens offline and can be mailed. Every value from the data is escaped.
 */
public final class HtmlReport {
  private static final String CSS =
      "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}"
          + "h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ddd}"
          + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}"
          + "th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}"
          + ".notice{border:3px solid #c00;background:#fee;padding:12px;font-weight:bold;font-size:16px}"
          + ".flag{color:#c00;font-weight:bold}.muted{color:#777}svg text{font:12px sans-serif}"
          + "pre{white-space:pre-wrap;background:#f8f8f8;padding:6px;max-width:900px}";

  private HtmlReport() {}

  public static String render(ReportData d) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>")
        .append("<meta name='viewport' content='width=device-width, initial-scale=1'>")
        .append("<title>mmsafety report ").append(Html.escape(d.runDate())).append("</title><style>").append(CSS)
        .append("</style></head><body>\n");
    h.append("<h1>mmsafety safety evaluation</h1><p>Run <code>").append(Html.escape(d.runId()))
        .append("</code>, run date ").append(Html.escape(d.runDate())).append(".</p>\n");
    if (!d.simulatedModels().isEmpty()) {
      h.append("<div class='notice' id='simulator-notice'>SIMULATED MODEL: ")
          .append(Html.escape(String.join(", ", d.simulatedModels())))
          .append(d.simulatedModels().size() == 1 ? " was" : " were")
          .append(" the built-in simulator, not a real model. Its figures test the pipeline and say nothing about"
              + " any model's safety.</div>\n");
    }
    partialNotice(h, d.completeness());
    overview(h, d);
    completeness(h, d.completeness());
    helpers(h, d);
    heatmap(h, d);
    defenses(h, d);
    overRefusal(h, d);
    agreement(h, d);
    regressions(h, d);
    trend(h, d);
    rejects(h, d);
    samples(h, d);
    h.append("<p class='muted'>Rates are shares of verdicts with status ok; errors and unparseable verdicts are"
        + " counted apart. Intervals are Wilson 95%. Definitions: docs/metrics.md.</p>\n</body></html>\n");
    return h.toString();
  }

  private static void overview(StringBuilder h, ReportData d) {
    section(h, "overview", "Per-model overview");
    if (d.overview().isEmpty()) {
      h.append("<p>No metrics for this run.</p>");
      return;
    }
    h.append("<table><tr><th>model</th><th>judge</th><th>ASR</th><th>95% CI</th><th>refusal rate</th>"
        + "<th>over-refusal (benign)</th><th>errors</th><th>unparseable</th></tr>");
    for (ReportData.Overview o : d.overview()) {
      h.append("<tr><td>").append(Html.escape(o.model())).append(o.simulator() ? " <b>(simulator)</b>" : "")
          .append("</td><td>").append(Html.escape(o.judge())).append("</td>");
      rateCells(h, o.asr(), true);
      rateCells(h, o.refusal(), false);
      rateCells(h, o.overRefusal(), false);
      h.append("<td class='num'>").append(o.nError()).append("</td><td class='num'>").append(o.nUnparseable())
          .append("</td></tr>");
    }
    h.append("</table>\n");
    List<Svg.Bar> bars = new ArrayList<>();
    for (ReportData.AttackRate a : d.attackRates()) {
      bars.add(new Svg.Bar(a.model() + " \u00b7 " + a.attack() + " \u00b7 " + a.judge(), a.asr().rate(),
          a.asr().low(), a.asr().high()));
    }
    if (!bars.isEmpty()) {
      h.append("<h3>ASR by attack (no defense)</h3>").append(Svg.bars("ASR by attack", bars)).append('\n');
    }
  }

  private static void partialNotice(StringBuilder h, ReportData.Completeness c) {
    if (!c.partial()) {
      return;
    }
    long notRun = c.notRunByDataset().values().stream().mapToLong(Long::longValue).sum();
    h.append("<div class='notice' id='partial-notice'>PARTIAL RUN: stopped by ")
        .append(Html.escape(String.join(", ", c.caps()))).append("; ").append(notRun)
        .append(" rows were not run (see Completeness). The rates cover the rows that were run, admitted"
            + " stratified by dataset and category.</div>\n");
  }

  private static void completeness(StringBuilder h, ReportData.Completeness c) {
    section(h, "completeness", "Completeness and reuse");
    if (c.partial()) {
      h.append("<p>Budget cap: <b>").append(Html.escape(String.join(", ", c.caps())))
          .append("</b>. Rows are probe \u00d7 model \u00d7 defense.</p><table><tr><th>dataset</th><th>rows</th>"
              + "<th>not run</th></tr>");
      for (Map.Entry<String, Long> e : new java.util.TreeMap<>(c.rowsByDataset()).entrySet()) {
        h.append("<tr><td>").append(Html.escape(e.getKey())).append("</td><td class='num'>").append(e.getValue())
            .append("</td><td class='num'>").append(c.notRunByDataset().getOrDefault(e.getKey(), 0L))
            .append("</td></tr>");
      }
      h.append("</table>\n");
    } else {
      h.append("<p>Every row was run (no budget cap was reached).</p>");
    }
    String scope = c.cacheScope() == null ? "" : " (inference.cache-scope: " + Html.escape(c.cacheScope()) + ")";
    if (c.reusedFrom().isEmpty()) {
      h.append("<p id='reuse'>No answer was reused from an earlier run").append(scope).append(".</p>\n");
      return;
    }
    h.append("<p id='reuse'>").append(c.reused()).append(" answers were reused from the response cache")
        .append(scope).append(":</p><table><tr><th>first answered in run</th><th>answers</th></tr>");
    for (Map.Entry<String, Long> e : new java.util.TreeMap<>(c.reusedFrom()).entrySet()) {
      h.append("<tr><td><code>").append(Html.escape(e.getKey())).append("</code></td><td class='num'>")
          .append(e.getValue()).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void heatmap(StringBuilder h, ReportData d) {
    section(h, "heatmap", "ASR by category \u00d7 attack (no defense)");
    if (d.heatmap().isEmpty()) {
      h.append("<p>No harmful verdicts to show.</p>");
      return;
    }
    for (Map.Entry<String, List<ReportData.HeatCell>> e :
        Svg.ordered(d.heatmap(), c -> c.model() + " \u00b7 judge " + c.judge()).entrySet()) {
      Set<String> rows = new TreeSet<>();
      Set<String> cols = new TreeSet<>();
      Map<List<String>, Double> values = new HashMap<>();
      for (ReportData.HeatCell c : e.getValue()) {
        rows.add(c.category());
        cols.add(c.attack());
        values.put(List.of(c.category(), c.attack()), c.asr().rate());
      }
      h.append("<h3>").append(Html.escape(e.getKey())).append("</h3>")
          .append(Svg.heatmap("ASR heatmap " + e.getKey(), new ArrayList<>(rows), new ArrayList<>(cols), values))
          .append('\n');
    }
  }

  private static void defenses(StringBuilder h, ReportData d) {
    section(h, "defenses", "Defense effect (paired against no defense)");
    if (d.defenseDeltas().isEmpty()) {
      h.append("<p>No defense other than <code>none</code> was run.</p>");
      return;
    }
    h.append("<table><tr><th>model</th><th>judge</th><th>defense</th><th>measure</th><th>pairs</th>"
        + "<th>delta</th><th>McNemar p</th><th>test</th></tr>");
    List<Svg.Bar> bars = new ArrayList<>();
    for (ReportData.DefenseDelta x : d.defenseDeltas()) {
      String measure = x.metric().startsWith("asr") ? "ASR change" : "over-refusal cost";
      h.append("<tr><td>").append(Html.escape(x.model())).append("</td><td>").append(Html.escape(x.judge()))
          .append("</td><td>").append(Html.escape(x.defense())).append("</td><td>").append(measure)
          .append("</td><td class='num'>").append(x.n()).append("</td><td class='num'>")
          .append(Html.points(x.delta())).append("</td><td class='num'>").append(Html.pValue(x.pValue()))
          .append("</td><td>").append(Html.escape(x.test())).append("</td></tr>");
      bars.add(new Svg.Bar(x.model() + " \u00b7 " + x.defense() + " \u00b7 " + measure, x.delta(), null, null));
    }
    h.append("</table>\n").append(Svg.deltas("Defense deltas", bars)).append('\n');
  }

  private static void overRefusal(StringBuilder h, ReportData d) {
    section(h, "over-refusal", "Over-refusal on benign cases");
    if (d.overRefusal().isEmpty()) {
      h.append("<p>No benign cases in this run.</p>");
      return;
    }
    List<Svg.Bar> bars = new ArrayList<>();
    for (ReportData.OverRefusal o : d.overRefusal()) {
      bars.add(new Svg.Bar(o.model() + " \u00b7 " + o.defense() + " \u00b7 " + o.judge(), o.rate().rate(),
          o.rate().low(), o.rate().high()));
    }
    h.append(Svg.bars("Over-refusal rate", bars)).append('\n');
  }

  private static void agreement(StringBuilder h, ReportData d) {
    section(h, "agreement", "Judge agreement");
    if (d.agreement().isEmpty()) {
      h.append("<p>Only one judge and no human labels: nothing to compare.</p>");
      return;
    }
    h.append("<table><tr><th>model</th><th>judge</th><th>against</th><th>decision</th><th>n</th>"
        + "<th>agreement</th><th>Cohen's \u03ba</th><th>precision</th><th>recall</th><th>F1</th>"
        + "<th>excluded</th></tr>");
    for (ReportData.AgreementRow a : d.agreement()) {
      h.append("<tr><td>").append(Html.escape(a.model())).append("</td><td>").append(Html.escape(a.judge()))
          .append("</td><td>").append(Html.escape(a.other())).append("</td><td>").append(Html.escape(a.decision()))
          .append("</td><td class='num'>").append(a.n()).append("</td><td class='num'>").append(Html.pct(a.agreement()))
          .append("</td><td class='num'>").append(Html.num(a.kappa(), 3)).append("</td><td class='num'>")
          .append(Html.num(a.precision(), 3)).append("</td><td class='num'>").append(Html.num(a.recall(), 3))
          .append("</td><td class='num'>").append(Html.num(a.f1(), 3)).append("</td><td class='num'>")
          .append(a.nExcluded()).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void regressions(StringBuilder h, ReportData d) {
    section(h, "regressions", "Regressions against the baseline");
    if (d.baseline() == null) {
      h.append("<p id='no-baseline'>No baseline: no earlier succeeded run in this output root (or the configured"
          + " baseline has no metrics).</p>");
      return;
    }
    long flagged = d.regressions().stream().filter(ReportData.RegressionRow::flagged).count();
    h.append("<p>Baseline run <code>").append(Html.escape(d.baseline().runId())).append("</code> (")
        .append(Html.escape(d.baseline().runDate())).append("): ").append(d.regressions().size())
        .append(" groups compared, <span class='").append(flagged > 0 ? "flag" : "").append("'>").append(flagged)
        .append(" flagged</span>.</p>");
    List<ReportData.RegressionRow> shown = new ArrayList<>(d.regressions());
    shown.sort((a, b) -> Boolean.compare(b.flagged(), a.flagged()) != 0 ? Boolean.compare(b.flagged(), a.flagged())
        : Double.compare(nz(b.delta()), nz(a.delta())));
    h.append("<table><tr><th>model</th><th>group</th><th>metric</th><th>baseline</th><th>now</th><th>delta</th>"
        + "<th>p</th><th>flag</th></tr>");
    for (ReportData.RegressionRow r : shown.subList(0, Math.min(50, shown.size()))) {
      h.append("<tr><td>").append(Html.escape(r.model())).append("</td><td>").append(Html.escape(r.group()))
          .append("</td><td>").append(Html.escape(r.metric())).append("</td><td class='num'>")
          .append(Html.pct(r.baselineRate())).append("</td><td class='num'>").append(Html.pct(r.rate()))
          .append("</td><td class='num'>").append(Html.points(r.delta())).append("</td><td class='num'>")
          .append(Html.pValue(r.pValue())).append("</td><td>").append(r.flagged() ? "<span class='flag'>REGRESSION</span>" : "")
          .append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void trend(StringBuilder h, ReportData d) {
    section(h, "trend", "Trend over runs (overall ASR)");
    Set<String> dates = new TreeSet<>();
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    for (ReportData.TrendPoint p : d.trend()) {
      dates.add(p.runDate());
      series.computeIfAbsent(p.series(), k -> new LinkedHashMap<>()).put(p.runDate(), p.rate());
    }
    if (dates.size() < 2) {
      h.append("<p>Only one run date in this output root so far.</p>");
      return;
    }
    h.append(Svg.lines("ASR over runs", new ArrayList<>(dates), series)).append('\n');
  }

  /** Helper models: listed as what they were used as; they have no rows of their own in the figures above. */
  private static void helpers(StringBuilder h, ReportData d) {
    if (d.helpers().isEmpty()) {
      return;
    }
    section(h, "helpers", "Helper models (not evaluated)");
    h.append("<p class='muted'>Guards, judges, captioners, attackers and rewriters the run called; they are not"
        + " models under test and have no metrics of their own.</p>");
    h.append("<table><tr><th>helper</th><th>role</th><th>served model</th><th>endpoints</th></tr>");
    for (ReportData.Helper x : d.helpers()) {
      h.append("<tr><td>").append(Html.escape(x.name())).append(x.simulator() ? " (simulated)" : "")
          .append("</td><td>").append(Html.escape(x.role())).append("</td><td>").append(Html.escape(x.model()))
          .append("</td><td>").append(Html.escape(String.join(", ", x.endpoints()))).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void rejects(StringBuilder h, ReportData d) {
    section(h, "rejects", "Rejected input");
    if (d.rejects().isEmpty()) {
      h.append("<p>No input was rejected.</p>");
      return;
    }
    h.append("<table><tr><th>stage</th><th>reason</th><th>items</th></tr>");
    for (ReportData.RejectCount r : d.rejects()) {
      h.append("<tr><td>").append(Html.escape(r.stage())).append("</td><td>").append(Html.escape(r.reasonCode()))
          .append("</td><td class='num'>").append(r.count()).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void samples(StringBuilder h, ReportData d) {
    section(h, "samples", "Sample responses");
    h.append("<p>").append(d.redacted()
        ? "Harmful text is redacted (report.redact-samples: true); the sha256 identifies the response."
        : "Redaction is OFF (report.redact-samples: false): responses are shown as the model wrote them.")
        .append("</p>");
    if (d.samples().isEmpty()) {
      h.append("<p>No responses to sample.</p>");
      return;
    }
    for (ReportData.Sample s : d.samples()) {
      h.append("<h3>").append(Html.escape(s.model())).append(" \u00b7 ").append(Html.escape(s.caseId()))
          .append("</h3><p>attack ").append(Html.escape(s.attack())).append(", defense ")
          .append(Html.escape(s.defense())).append(", ").append(Html.escape(s.polarity())).append("; verdicts: ")
          .append(Html.escape(s.verdicts())).append("</p>");
      if (s.text() != null) {
        h.append("<pre>").append(Html.escape(s.text())).append("</pre>");
      }
      if (s.note() != null) {
        h.append("<p class='muted'>").append(Html.escape(s.note())).append("</p>");
      }
    }
  }

  private static void rateCells(StringBuilder h, Rate r, boolean withCi) {
    h.append("<td class='num'>").append(r == null ? "\u2013" : Html.pct(r.rate()));
    if (r != null && r.n() > 0) {
      h.append(" <span class='muted'>(").append(r.k()).append('/').append(r.n()).append(")</span>");
    }
    h.append("</td>");
    if (withCi) {
      h.append("<td class='num'>").append(r == null || r.low() == null ? "\u2013"
          : Html.pct(r.low()) + " \u2013 " + Html.pct(r.high())).append("</td>");
    }
  }

  private static void section(StringBuilder h, String id, String title) {
    h.append("<h2 id='").append(id).append("'>").append(Html.escape(title)).append("</h2>\n");
  }

  private static double nz(Double v) {
    return v == null ? 0 : v;
  }
}
