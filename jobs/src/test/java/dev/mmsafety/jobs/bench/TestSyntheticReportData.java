package dev.mmsafety.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.udf.report.HtmlReport;
import dev.mmsafety.udf.report.ReportData;
import dev.mmsafety.udf.report.SampleStrata;
import org.junit.jupiter.api.Test;

/** bench report's in-memory input: counts that reconcile and a sample drawn by the browser's rule. */
class TestSyntheticReportData {
  @Test
  void rowsReconcileAndTheSampleFollowsTheStrataRule() {
    ReportData data = SyntheticReportData.build(2_000, "r", "2026-06-01", "file:/tmp/out");
    // 2,000 responses = 50 cases x 5 attacks x 4 models x 2 defenses
    assertThat(data.samples().responses()).isEqualTo(2_000);
    assertThat(data.inventory().cases()).isEqualTo(50);
    // every harmful verdict without defense is in one heatmap cell (n) or failed (a skipped verdict)
    long heat = data.heatmap().stream().mapToLong(c -> c.asr().n()).sum();
    long pooled = data.headline().stream()
        .filter(h -> h.dataset().equals(ReportData.POOLED) && h.metric().equals("asr"))
        .mapToLong(h -> h.rate().n() + h.nError()).sum();
    assertThat(pooled).isEqualTo(2 * 35 * 5 * 4); // 2 judges x 35 harmful cases x 5 attacks x 4 models
    assertThat(heat).isPositive().isLessThan(pooled);
    assertThat(data.defenseDeltas()).hasSize(4 * 2 * 2)
        .allSatisfy(d -> assertThat(d.pValue()).isBetween(0.0, 1.0));
    ReportData.SampleSet s = data.samples();
    assertThat(s.perCell()).isBetween(1, SampleStrata.MAX_PER_CELL);
    assertThat(s.samples()).hasSizeLessThanOrEqualTo(SampleStrata.CAP)
        .anySatisfy(x -> assertThat(x.images()).isNotEmpty())
        .anySatisfy(x -> assertThat(x.note()).startsWith("No answer"));
    assertThat(HtmlReport.render(data)).contains(String.format(java.util.Locale.ROOT, "The browser holds %,d",
        s.samples().size()));
  }
}
