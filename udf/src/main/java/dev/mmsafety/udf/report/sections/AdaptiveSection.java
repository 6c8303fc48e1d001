package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adaptive attacks (pair, tap): per model, attack and polarity, the share of searches that succeeded within k
 * rounds (every search counts, rejects included) and the mean rounds and calls to success. Success is the
 * evaluator's rating; the judges' verdicts on the final prompts are in the headline and heatmap like any attack.
 */
public final class AdaptiveSection {
  private AdaptiveSection() {}

  /** The body, for a run that has data for it (else HtmlReport.SECTIONS shows the empty markup). */
  public static void render(ReportData d, Page p) {
    Map<List<String>, List<ReportData.SearchRate>> groups = new LinkedHashMap<>();
    for (ReportData.SearchRate r : d.adaptive()) {
      groups.computeIfAbsent(List.of(r.model(), r.attack(), r.polarity()), k -> new ArrayList<>()).add(r);
    }
    p.paragraph("Share of searches whose evaluator rating reached the success score within k rounds (all searches"
        + " in the denominator, rejects included); means over the successful searches.");
    p.table("adaptive", List.of("model", "attack", "polarity", "searches", "success within k rounds",
        "mean rounds to success", "mean calls to success"), List.copyOf(groups.values()), AdaptiveSection::row);
  }

  /** One model, attack and polarity: the successes at each round limit, on one line. */
  private static List<String> row(List<ReportData.SearchRate> rates) {
    StringBuilder byRound = new StringBuilder();
    for (ReportData.SearchRate r : rates) {
      byRound.append(byRound.isEmpty() ? "" : " \u00b7 ").append("k=").append(r.rounds()).append(": ")
          .append(r.rate().k()).append('/').append(r.rate().n());
    }
    ReportData.SearchRate first = rates.get(0);
    return List.of(first.model(), first.attack(), first.polarity(), Long.toString(first.rate().n()),
        byRound.toString(), mean(first.meanRounds()), mean(first.meanCalls()));
  }

  private static String mean(Double value) {
    return value == null ? "no success" : String.format(Locale.ROOT, "%.1f", value);
  }
}
