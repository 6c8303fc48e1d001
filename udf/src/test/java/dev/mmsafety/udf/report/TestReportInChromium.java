package dev.mmsafety.udf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium (Debian package chromium) with networking disabled and checks the
 * screenshot shows a page, not a blank. Skipped where /usr/bin/chromium is absent.
 */
class TestReportInChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void rendersOfflineToANonBlankPage() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium not installed (apt-get install chromium)");
    Path html = dir.resolve("report.html");
    Files.writeString(html,
        HtmlReport.render(ReportFixtures.full(true, new ReportData.Baseline("run-0", "2026-01-14"))),
        StandardCharsets.UTF_8);
    Path shot = dir.resolve("shot.png");
    Process p = new ProcessBuilder(List.of(
            CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + dir.resolve("profile"),
            "--window-size=1200,1600", "--screenshot=" + shot, html.toUri().toString()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("chromium.log").toFile())
        .start();
    // A safety limit against a hung browser, not a speed assertion.
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("chromium finished").isTrue();
    assertThat(shot).as(Files.readString(dir.resolve("chromium.log"))).exists();
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image.getWidth()).isGreaterThan(100);
    long nonWhite = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != 0xffffff) {
          nonWhite++;
        }
      }
    }
    long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
    assertThat(nonWhite).as("non-white pixels").isGreaterThan(sampled / 100);
    assertThat(colours.size()).as("distinct colours").isGreaterThan(20);
    // The simulator notice's red frame is at the top of the page.
    boolean red = false;
    for (int y = 0; y < Math.min(400, image.getHeight()) && !red; y++) {
      for (int x = 0; x < image.getWidth() && !red; x++) {
        int rgb = image.getRGB(x, y);
        red = ((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) < 40 && (rgb & 0xff) < 40;
      }
    }
    assertThat(red).as("red simulator notice visible").isTrue();
  }
}
