package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportData.HeadlineRate;
import dev.mmsafety.udf.report.Svg;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The headline: per model and judge, ASR of each attack without defense, per dataset and (said so) pooled over
 * the attack's datasets; never pooled across attacks. Over-refusal on benign datasets the same way.
 */
public final class HeadlineSection {
  static final String ASR = "asr";
  static final String OVER_REFUSAL = "over_refusal_rate";
  /** Attacks by name with {@code none} (the baseline) first. */
  static final Comparator<String> NONE_FIRST = Comparator.comparing((String a) -> !"none".equals(a)).thenComparing(a -> a);

  private HeadlineSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    p.raw("<p>ASR is the share of harmful cases whose answer a judge called unsafe; one row per attack, never"
        + " pooled across attacks. The pooled column pools only the datasets with a figure in its row (their n add"
        + " up); “not run” means the attack was not applied to that dataset.</p>");
    Map<String, List<HeadlineRate>> byModelJudge =
        Svg.ordered(d.headline(), r -> r.model() + " \u00b7 judge " + r.judge());
    for (Map.Entry<String, List<HeadlineRate>> e : byModelJudge.entrySet()) {
      String model = e.getValue().get(0).model();
      p.raw("<h3>").text(e.getKey());
      if (d.simulatedModels().contains(model)) {
        p.raw(" <span class='sim-badge'>SIMULATED</span>");
      }
      p.raw("</h3>");
      matrix(p, e.getValue(), ASR, "Attack success rate (harmful cases)");
      matrix(p, e.getValue(), OVER_REFUSAL, "Over-refusal rate (benign cases)");
      List<Svg.Bar> bars = new ArrayList<>();
      for (HeadlineRate r : e.getValue()) {
        if (ASR.equals(r.metric()) && ReportData.POOLED.equals(r.dataset())) {
          bars.add(new Svg.Bar(r.attack() + " (n=" + r.rate().n() + ")", r.rate().rate(), r.rate().low(),
              r.rate().high()));
        }
      }
      if (!bars.isEmpty()) {
        p.raw(p.charts().bars("ASR by attack, " + e.getKey() + ", harmful datasets pooled", bars)).raw("\n");
      }
    }
  }

  /** Rows attacks, columns datasets, plus the pooled column when more than one dataset has the metric. */
  private static void matrix(Page p, List<HeadlineRate> rates, String metric, String caption) {
    Map<List<String>, HeadlineRate> cells = new LinkedHashMap<>();
    TreeSet<String> attacks = new TreeSet<>(NONE_FIRST);
    TreeSet<String> datasets = new TreeSet<>();
    for (HeadlineRate r : rates) {
      if (metric.equals(r.metric())) {
        cells.put(List.of(r.attack(), r.dataset()), r);
        attacks.add(r.attack());
        if (!ReportData.POOLED.equals(r.dataset())) {
          datasets.add(r.dataset());
        }
      }
    }
    if (attacks.isEmpty()) {
      return;
    }
    List<String> columns = new ArrayList<>(datasets);
    List<String> headers = new ArrayList<>(List.of("attack"));
    headers.addAll(columns);
    if (datasets.size() > 1) {
      columns.add(ReportData.POOLED);
      headers.add("pooled over the row's datasets");
    }
    headers.add("errors / unparseable");
    p.raw("<p class='caption'>").text(caption).raw("</p>").tableHead("headline " + metric.replace('_', '-'), headers);
    for (String attack : attacks) {
      p.raw("<tr><td>").text(attack).raw("</td>");
      long errors = 0;
      long unparseable = 0;
      for (String column : columns) {
        HeadlineRate r = cells.get(List.of(attack, column));
        p.rateCell(r == null ? null : r.rate(), true);
        if (r != null && (column.equals(ReportData.POOLED) || datasets.size() == 1)) {
          errors = r.nError();
          unparseable = r.nUnparseable();
        }
      }
      p.raw("<td class='num'>").text(errors + " / " + unparseable).raw("</td></tr>");
    }
    p.tableEnd();
  }
}
