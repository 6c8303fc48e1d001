package dev.mmsafety.udf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in headless Chromium (Debian's chromium, networking off): the page renders, the sample browser's
 * filters work, covered answers reveal on a click, a deleted image shows a note, and none of the injected model
 * output runs. One browser for the class. Where Chromium is absent the class is skipped, except in CI
 * ($CI or $MMSAFETY_REQUIRE_CHROMIUM set), where that is a failure: .ci/run installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestReportInChromium {
  static final String TITLE = "mmsafety report 2026-01-15";

  @TempDir static Path dir;
  private ChromiumPage page;
  private ReportData data;

  @BeforeAll
  void openReport() throws Exception {
    Path exe = chromium();
    data = ReportFixtures.full(true, new ReportData.Baseline("run-0", "2026-01-14"));
    Path html = dir.resolve("report.html");
    Files.writeString(html, HtmlReport.render(data), StandardCharsets.UTF_8);
    Path present = dir.resolve(ReportFixtures.PRESENT_IMAGE);
    Files.createDirectories(present.getParent());
    ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", present.toFile());
    page = ChromiumPage.open(exe, dir, html.toUri().toString());
    page.waitFor("document.documentElement.dataset.ready === '1'", "the ready marker");
  }

  @AfterAll
  void closeBrowser() throws Exception {
    if (page != null) {
      page.close();
    }
  }

  @BeforeEach
  void clearFiltersFirst() throws Exception {
    clearFilters();
  }

  @Test
  void rendersEverySampleAndTheSimulatorNotice() throws Exception {
    for (String f : List.of("model", "benchmark", "variant", "category", "attack", "defense", "outcome",
        "disagreement")) {
      assertThat(page.evalLong("document.querySelectorAll('#filter-" + f + " option').length")).as(f).isGreaterThan(1);
    }
    assertThat(page.evalLong("document.querySelectorAll('#sample-table tbody tr.sample').length"))
        .isEqualTo(data.samples().samples().size());
    assertThat(page.evalString("document.getElementById('sample-count').textContent"))
        .startsWith(data.samples().samples().size() + " of " + data.samples().samples().size() + " samples match");
    assertThat(page.evalLong("document.querySelectorAll('svg text.sim-marker').length"))
        .isEqualTo(page.evalLong("document.querySelectorAll('svg').length")).isPositive();
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
    assertThat(redPixelsInTop(shot, 400)).as("red simulator notice visible").isPositive();
  }

  @Test
  void filtersNarrowTheRowsAndClearAgain() throws Exception {
    assertThat(rowsAfter("model", "attacker-model")).isEqualTo(expected(s -> s.model().equals("attacker-model")))
        .isEqualTo(ReportFixtures.INJECTIONS.size());
    clearFilters();
    assertThat(rowsAfter("outcome", "unsafe")).isEqualTo(expected(s -> s.outcome().equals("unsafe"))).isEqualTo(5);
    assertThat(rowsAfter("attack", "figstep"))
        .isEqualTo(expected(s -> s.outcome().equals("unsafe") && s.attack().equals("figstep")));
    clearFilters();
    long disagree = expected(ReportData.Sample::disagreement);
    assertThat(disagree).isPositive().isLessThan(data.samples().samples().size());
    assertThat(rowsAfter("disagreement", "judges disagree")).isEqualTo(disagree);
    clearFilters();
    assertThat(page.evalLong("document.querySelectorAll('#sample-table tbody tr.sample').length"))
        .isEqualTo(data.samples().samples().size());
  }

  @Test
  void injectedModelOutputIsShownAsTextAndNeverRuns() throws Exception {
    rowsAfter("model", "attacker-model");
    page.eval("document.querySelectorAll('#sample-table tbody tr.sample').forEach(r => r.click()); true");
    String shown = page.evalString("Array.from(document.querySelectorAll('pre.answer')).map(p => p.textContent)"
        + ".join('\\n')");
    for (String injection : ReportFixtures.INJECTIONS) {
      assertThat(shown).contains(injection.strip());
    }
    // Every event handler and URL in the payloads had its chance to fire.
    page.eval("new Promise(ok => setTimeout(() => ok(true), 300))");
    // The policy is in force: an inline handler added behind the page's back is blocked and reported.
    page.eval("window.__violations = 0; document.addEventListener('securitypolicyviolation',"
        + " () => window.__violations++); document.body.insertAdjacentHTML('beforeend',"
        + " '<img id=csp-probe src=missing.png onerror=\\'document.title=1\\'>'); true");
    page.waitFor("window.__violations > 0", "a CSP violation report");
    assertThat(page.evalString("document.title")).isEqualTo(TITLE);
    assertThat(page.evalString("String(window.__pwned)")).isEqualTo("undefined");
    assertThat(page.evalLong("document.querySelectorAll('[data-pwned]').length")).isZero();
    assertThat(page.evalLong("document.querySelectorAll('#samples ~ * script, #sample-table script, "
        + "#sample-table svg, #sample-table a, #sample-table img[onerror]').length")).isZero();
    assertThat(page.evalLong("Array.from(document.images).filter(i => !/^file:/.test(i.src)).length")).isZero();
    assertThat(page.evalString("Array.from(document.querySelectorAll('.image-note')).map(p => p.textContent)"
        + ".join('|')")).contains("not linked): javascript:").contains("not linked): file:/data/outside/root.png");
    clearFilters();
  }

  @Test
  void coveredAnswersRevealOnAClickAndDeletedImagesSayTheyAreMissing() throws Exception {
    page.eval("document.querySelector(\"tr.sample[data-response-id='r-missing']\").click(); true");
    assertThat(page.evalString("document.body.innerText")).doesNotContain(ReportFixtures.HARMFUL_TEXT)
        .contains("Covered answer (" + ReportFixtures.HARMFUL_TEXT.length() + " characters)");
    page.waitFor("document.querySelector('.image-missing')", "the missing-image note");
    assertThat(page.evalString("document.querySelector('.image-missing').textContent"))
        .isEqualTo("image missing: " + ReportFixtures.MISSING_IMAGE);
    page.waitFor("Array.from(document.images).some(i => i.complete && i.naturalWidth === 40)", "the present image");
    page.eval("document.querySelector('.sample-detail button.reveal').click(); true");
    assertThat(page.evalString("document.querySelector('.sample-detail pre.revealed').textContent"))
        .isEqualTo(ReportFixtures.HARMFUL_TEXT);
    // Closing the row and opening it again covers the answer again.
    page.eval("document.querySelector(\"tr.sample[data-response-id='r-missing']\").click(); true");
    assertThat(page.evalString("document.body.innerText")).doesNotContain(ReportFixtures.HARMFUL_TEXT);
  }

  private long rowsAfter(String filter, String value) throws Exception {
    page.eval("(() => { const s = document.getElementById('filter-" + filter + "'); s.value = '" + value + "';"
        + " if (s.value !== '" + value + "') throw new Error('no option " + value + "');"
        + " s.dispatchEvent(new Event('change')); return true; })()");
    return page.evalLong("document.querySelectorAll('#sample-table tbody tr.sample').length");
  }

  private void clearFilters() throws Exception {
    page.eval("document.querySelectorAll('#sample-filters select').forEach(s => { s.value = '';"
        + " s.dispatchEvent(new Event('change')); }); true");
  }

  private long expected(Predicate<ReportData.Sample> p) {
    return data.samples().samples().stream().filter(p).count();
  }

  private static long redPixelsInTop(BufferedImage image, int rows) {
    long red = 0;
    for (int y = 0; y < Math.min(rows, image.getHeight()); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        if (((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 40 && (rgb & 0xff) < 40) {
          red++;
        }
      }
    }
    return red;
  }

  private static Path chromium() {
    Optional<Path> exe = HeadlessChromium.find();
    boolean required = System.getenv("CI") != null || System.getenv("MMSAFETY_REQUIRE_CHROMIUM") != null;
    if (exe.isEmpty() && required) {
      fail("Cannot test report.html: no Chromium at " + HeadlessChromium.DEFAULT + " (or $" + HeadlessChromium.ENV
          + "); install Debian's chromium (apt-get install -y chromium), as .ci/run does");
    }
    assumeTrue(exe.isPresent(), "chromium not installed (apt-get install -y chromium)");
    return exe.get();
  }
}
