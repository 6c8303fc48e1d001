package dev.mmsafety.jobs.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.ChaosRun;
import dev.mmsafety.jobs.testing.SparkTestBase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #8 item 1 at test scale; `./mmsafety bench chaos` runs the same suite larger and prints the figures. */
class TestChaosSuite extends SparkTestBase {
  @TempDir Path work;

  @Test
  void everyProbeEndsInExactlyOneResponseAndNearlyAllAreOkAfterRetries() {
    spark();
    ChaosRun.Summary s = ChaosRun.run(work, 400, 2, new PrintWriter(new StringWriter()));
    assertThat(s.cases()).isEqualTo(400);
    assertThat(s.probes()).isEqualTo(400);
    assertThat(s.reconciles()).as(ChaosRun.describe(s)).isTrue();
    assertThat(s.okShare()).as(ChaosRun.describe(s)).isGreaterThanOrEqualTo(0.995);
    // The faults really happened: the simulator's failures show up as retries, not as missing rows.
    assertThat(s.statuses().keySet()).as(ChaosRun.describe(s)).contains("ok");
  }
}
