package dev.mmsafety.udf.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestHtmlReport {

  @Test
  void everySectionIsThereAndSelfContained() {
    String html = HtmlReport.render(ReportFixtures.full(true, new ReportData.Baseline("run-0", "2026-01-14")));
    for (String id : List.of("overview", "heatmap", "defenses", "over-refusal", "agreement", "regressions", "trend",
        "rejects", "samples")) {
      assertThat(html).contains("<h2 id='" + id + "'>");
    }
    // Offline: nothing is fetched, nothing runs.
    assertThat(html.toLowerCase())
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("src=")
        .doesNotContain("url(").doesNotContain("@import").doesNotContain("<link");
    assertThat(html).contains("<svg").contains("<polyline").contains("REGRESSION").contains("1 flagged");
    assertThat(html).contains("image_missing").contains("mcnemar-exact").contains("-25.0 pp");
  }

  @Test
  void escapesEveryValue() {
    String html = HtmlReport.render(ReportFixtures.full(false, null));
    assertThat(html).doesNotContain(ReportFixtures.EVIL);
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  }

  @Test
  void aPartialRunSaysSoAndNamesTheCapAndWhatWasReused() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    int notice = html.indexOf("id='partial-notice'");
    assertThat(notice).isPositive().isLessThan(html.indexOf("<h2 id='overview'>"));
    assertThat(html).contains("PARTIAL RUN: stopped by inference.max-requests=40; 4 rows were not run",
        "<h2 id='completeness'>", "<tr><td>figstep</td><td class='num'>40</td><td class='num'>0</td></tr>",
        "12 answers were reused from the response cache (inference.cache-scope: revision)");
    String complete = HtmlReport.render(new ReportData("r", "2026-01-15", List.of(), List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of(), null, List.of(), List.of(), List.of(), List.of(), true));
    assertThat(complete).doesNotContain("partial-notice")
        .contains("Every row was run (no budget cap was reached).", "No answer was reused from an earlier run.");
  }

  @Test
  void simulatorNoticeIsProminent() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    int notice = html.indexOf("id='simulator-notice'");
    assertThat(notice).isPositive().isLessThan(html.indexOf("<h2 id='overview'>"));
    assertThat(html).contains("SIMULATED MODEL: sim-model was the built-in simulator");
  }

  @Test
  void redactsHarmfulTextByDefault() {
    String redacted = HtmlReport.render(ReportFixtures.full(true, null));
    assertThat(redacted).doesNotContain(ReportFixtures.HARMFUL_TEXT)
        .contains("[REDACTED: " + ReportFixtures.HARMFUL_TEXT.length() + " characters, sha256 ab12cd34ef56ab12]")
        .contains("A benign answer about");
    String open = HtmlReport.render(ReportFixtures.full(false, null));
    assertThat(open).contains(ReportFixtures.HARMFUL_TEXT).contains("Redaction is OFF");
  }

  @Test
  void saysWhenThereIsNoBaseline() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    assertThat(html).contains("id='no-baseline'").doesNotContain("REGRESSION");
  }

  @Test
  void heatColoursGrowWithTheRate() {
    assertThat(Svg.heat(0.0)).isEqualTo("#ffffff");
    assertThat(Svg.heat(1.0)).isEqualTo("#ff3737");
    assertThat(Html.escape("a&b\"c\u0001")).isEqualTo("a&amp;b&quot;c ");
  }
}
