package dev.mmsafety.udf.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mmsafety.udf.common.CanonicalJson;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TestHtmlReport {
  static final String DATA_OPEN = "<script type='application/json' id='sample-data'>";

  @Test
  void everySectionIsThereAndTheTableOfContentsLinksIt() {
    String html = HtmlReport.render(ReportFixtures.full(true, new ReportData.Baseline("run-0", "2026-01-14")));
    for (ReportSection s : HtmlReport.SECTIONS) {
      assertThat(html).contains("<h2 id='" + s.id() + "'>").contains("<a href='#" + s.id() + "'>");
    }
    assertThat(HtmlReport.SECTIONS).extracting(ReportSection::id).containsExactly("headline", "what-was-run",
        "completeness", "helpers", "heatmap", "defenses", "over-refusal", "adaptive", "agreement", "validation",
        "regressions", "trend", "rejects", "samples");
    assertThat(html).contains("<svg").contains("<polyline").contains("REGRESSION").contains("1 flagged");
    assertThat(html).contains("mcnemar-exact").contains("-25.0 pp");
    // adaptive attacks: one row per model, attack and polarity, success by round, escaped like every value
    assertThat(html).contains("k=1: 1/4 \u00b7 k=2: 3/4").contains("<td>2.3</td><td>17.5</td>")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;-pair").doesNotContain("<td><script>");
  }

  @Test
  void isOfflineAndItsPolicyAllowsOnlyItsOwnStyleAndScript() throws Exception {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    String markup = markupOnly(html);
    assertThat(markup.toLowerCase()).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
        .doesNotContain("url(").doesNotContain("@import").doesNotContain(" src=").doesNotContain("style=");
    assertThat(count(html, "<script")).isEqualTo(2);
    assertThat(count(html, "<style")).isEqualTo(1);
    Matcher csp = Pattern.compile("<meta http-equiv='Content-Security-Policy' content=\"([^\"]+)\">").matcher(html);
    assertThat(csp.find()).isTrue();
    String policy = csp.group(1);
    assertThat(policy).startsWith("default-src 'none'; ").contains("img-src 'self'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("data:");
    String script = between(html, "<script>", "</script>");
    String style = between(html, "<style>", "</style>");
    assertThat(policy).contains("script-src '" + hash(script) + "'").contains("style-src '" + hash(style) + "'");
  }

  @Test
  void escapesEveryValueInTheMarkupAndTheJsonBlock() throws Exception {
    ReportData data = ReportFixtures.full(false, null);
    String html = HtmlReport.render(data);
    assertThat(markupOnly(html)).doesNotContain(ReportFixtures.EVIL).contains("&lt;script&gt;alert(&#39;x&#39;)");
    String json = between(html, DATA_OPEN, "</script>");
    assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("\u2028").doesNotContain("\u2029")
        .contains("\\u003C/script\\u003E");
    // Escaped, not altered: the page gets back exactly what the model wrote.
    JsonNode samples = CanonicalJson.mapper().readTree(json).get("samples");
    List<String> texts = new ArrayList<>();
    samples.forEach(s -> texts.add(s.path("text").asText(null)));
    assertThat(texts).containsAll(ReportFixtures.INJECTIONS);
  }

  @Test
  void theSampleDataKeepsOneKeyOrderSoTheSameRunWritesTheSamePage() {
    String json = between(HtmlReport.render(ReportFixtures.full(true, null)), DATA_OPEN, "</script>");
    assertThat(json).startsWith("{\"samples\":[");
    assertThat(json.indexOf("\"redacted\":")).isLessThan(json.indexOf("\"simulated\":")).isGreaterThan(0);
  }

  @Test
  void aPartialRunSaysSoAndNamesTheCapAndWhatWasReused() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    int notice = html.indexOf("id='partial-notice'");
    assertThat(notice).isPositive().isLessThan(html.indexOf("<h2 id='headline'>"));
    assertThat(html).contains("PARTIAL RUN: stopped by inference.max-requests=40; 4 rows were not run",
        "<h2 id='completeness'>", "<tr><td>figstep</td><td class='num'>40</td><td class='num'>0</td></tr>",
        "12 answers were reused from the response cache (inference.cache-scope: revision)");
    String complete = HtmlReport.render(ReportData.builder("r", "2026-01-15").build());
    assertThat(complete).doesNotContain("partial-notice")
        .contains("Every row was run (no budget cap was reached).", "No answer was reused from an earlier run.");
  }

  @Test
  void helperModelsAreListedAsHelpersNotModelsUnderTest() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    assertThat(html).contains("<h2 id='helpers'>Helper models (not evaluated)</h2>", "<td>guard</td>",
        "<td>llama-guard-3</td>").doesNotContain("guard-<script>");
  }

  @Test
  void everyChartCarriesTheSimulatorMarkerWhenAnyRowWasSimulated() {
    String html = HtmlReport.render(ReportFixtures.full(true, new ReportData.Baseline("run-0", "2026-01-14")));
    int charts = count(html, "<svg");
    assertThat(charts).isGreaterThanOrEqualTo(5);
    assertThat(count(html, "class='sim-marker'")).isEqualTo(charts);
    int notice = html.indexOf("id='simulator-notice'");
    assertThat(notice).isPositive().isLessThan(html.indexOf("<h2 id='headline'>"));
    ReportData real = ReportData.builder("r", "2026-01-15").headline(ReportFixtures.full(true, null).headline())
        .build();
    String realHtml = HtmlReport.render(real);
    assertThat(count(realHtml, "<svg")).isPositive();
    assertThat(realHtml).doesNotContain("class='sim-marker'").doesNotContain("simulator-notice");
  }

  @Test
  void headlineHasOneRowPerAttackAndNamesWhatItPools() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    String asr = between(html, "<table class='headline asr'>", "</table>");
    assertThat(count(asr, "<tr>")).isEqualTo(1 + 3); // header + none, figstep, jailbreak-template
    assertThat(asr.indexOf("<td>none</td>")).isLessThan(asr.indexOf("<td>figstep</td>"));
    assertThat(asr).contains("<th>figstep</th><th>mm-&lt;script&gt;").contains("pooled over the row&#39;s datasets")
        .contains("(4/40)").contains("0.0%");
    assertThat(between(html, "<table class='headline over-refusal-rate'>", "</table>")).contains("(3/4)");
  }

  @Test
  void heatmapCellsShowTheirNAndTellNoDataFromZero() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    String heatmap = between(html, "<h2 id='heatmap'>", "<h2 id='defenses'>");
    assertThat(heatmap).contains("n=10").contains(">0.0%<").contains("no data").contains("class='cell no-data'");
    assertThat(Svg.heat(0.0)).isEqualTo("#ffffff");
    assertThat(Svg.heat(1.0)).isEqualTo("#ff3737");
  }

  @Test
  void whatWasRunListsDatasetsAttacksDefensesJudgesAndModels() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    String run = between(html, "<h2 id='what-was-run'>", "<h2 id='heatmap'>");
    assertThat(run).contains("SD_TYPO").contains("oversensitive").contains("font-size").contains("***")
        .contains("llm v1 sha256:0123456789ab").contains("sim: built-in simulator").contains("SIMULATED");
    assertThat(between(run, "<tr class='total'>", "</tr>")).contains("<td>40</td><td>4</td>");
  }

  @Test
  void rejectsAreListedWithFileRowFieldAndReasonThenCounted() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    String rows = between(html, "<table class='reject-rows'>", "</table>");
    assertThat(rows).contains("<td>data/safebench.csv</td><td>17</td><td>image</td><td>image_missing</td>")
        .contains("no file images/&lt;script&gt;");
    assertThat(html).contains("The first 2 of 205").contains("<td>image_missing</td><td>203</td>");
  }

  @Test
  void aRunWithoutResponsesSaysSoInsteadOfShowingEmptyCharts() {
    ReportData empty = ReportData.builder("run-empty", "2026-01-15")
        .inventory(new ReportData.Inventory(List.of(new ReportData.DatasetRow("d", "figstep", "v", 3, 0)), List.of(),
            List.of(), List.of(), List.of()))
        .build();
    String html = HtmlReport.render(empty);
    assertThat(html).contains("id='no-responses'").contains("run run-empty has no model responses")
        .contains("3 cases were ingested and 0 input items rejected").contains("No metrics for this run.")
        .contains("No responses to browse.").doesNotContain("<svg");
    assertThat(HtmlReport.render(ReportFixtures.full(true, null))).doesNotContain("no-responses");
  }

  @Test
  void statesTheSamplingRule() {
    String html = HtmlReport.render(ReportFixtures.full(true, null));
    assertThat(html).contains("holds 19 of the run&#39;s 200,000 responses")
        .contains("up to 20 per model \u00d7 benchmark \u00d7 attack \u00d7 defense \u00d7 outcome");
  }

  private static String markupOnly(String html) {
    int data = html.indexOf(DATA_OPEN);
    return html.substring(0, data);
  }

  static String between(String s, String from, String to) {
    int start = s.indexOf(from);
    assertThat(start).as("'%s' in page", from).isNotNegative();
    int end = s.indexOf(to, start + from.length());
    return s.substring(start + from.length(), end);
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static String hash(String text) throws Exception {
    return "sha256-" + Base64.getEncoder().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
