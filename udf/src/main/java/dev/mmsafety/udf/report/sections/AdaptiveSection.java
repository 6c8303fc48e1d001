package dev.mmsafety.udf.report.sections;

import dev.mmsafety.udf.report.Page;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.ReportSection;
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
public final class AdaptiveSection implements ReportSection {
  @Override
  public String id() {
    return "adaptive";
  }

  @Override
  public String title() {
    return "Adaptive attacks: success by round";
  }

  @Override
  public void render(ReportData d, Page p) {
    if (d.adaptive().isEmpty()) {
      p.paragraph("No adaptive attack (pair, tap) in this run.");
      return;
    }
    Map<List<String>, List<ReportData.SearchRate>> groups = new LinkedHashMap<>();
    for (ReportData.SearchRate r : d.adaptive()) {
      groups.computeIfAbsent(List.of(r.model(), r.attack(), r.polarity()), k -> new ArrayList<>()).add(r);
    }
    p.paragraph("Share of searches whose evaluator rating reached the success score within k rounds (all searches"
        + " in the denominator, rejects included); means over the successful searches.");
    p.tableHead("adaptive", List.of("model", "attack", "polarity", "searches", "success within k rounds",
        "mean rounds to success", "mean calls to success"));
    groups.forEach((key, rates) -> {
      StringBuilder byRound = new StringBuilder();
      for (ReportData.SearchRate r : rates) {
        byRound.append(byRound.isEmpty() ? "" : " \u00b7 ").append("k=").append(r.rounds()).append(": ")
            .append(r.rate().k()).append('/').append(r.rate().n());
      }
      ReportData.SearchRate first = rates.get(0);
      p.row(List.of(key.get(0), key.get(1), key.get(2), Long.toString(first.rate().n()), byRound.toString(),
          mean(first.meanRounds()), mean(first.meanCalls())));
    });
    p.tableEnd();
  }

  private static String mean(Double value) {
    return value == null ? "no success" : String.format(Locale.ROOT, "%.1f", value);
  }
}
