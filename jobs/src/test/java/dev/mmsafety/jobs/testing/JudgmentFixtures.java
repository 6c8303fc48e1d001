package dev.mmsafety.jobs.testing;

import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.RowBuilder;
import dev.mmsafety.schemas.SharedColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;

/** Builds judgments rows for metric tests: one verdict per call, or a seeded grid of many. */
public final class JudgmentFixtures {
  private final String runId;
  private final String runDate;
  private final List<Row> rows = new ArrayList<>();

  public JudgmentFixtures(String runId, String runDate) {
    this.runId = runId;
    this.runDate = runDate;
  }

  /**
   * One verdict. {@code status} ok/error/skipped/unparseable, or not_run (skipped: its response hit a budget cap);
   * flags may be null.
   */
  public JudgmentFixtures add(
      String model, String probe, String polarity, String attack, String defense, String judge, String status,
      Boolean refused, Boolean unsafe) {
    return add(model, probe, polarity, attack, defense, judge, status, refused, unsafe, null, "figstep", "cat-a",
        "native-a", model.startsWith("sim"));
  }

  public JudgmentFixtures add(
      String model, String probe, String polarity, String attack, String defense, String judge, String status,
      Boolean refused, Boolean unsafe, Boolean effective, String benchmark, String canonical, String nativeCategory,
      boolean simulator) {
    String responseId = "r-" + probe + "-" + model + "-" + defense;
    boolean notRun = "not_run".equals(status);
    status = notRun ? "skipped" : status;
    String responseStatus = notRun ? "budget_exhausted"
        : "error".equals(status) || "skipped".equals(status) ? "server_error" : "ok";
    RowBuilder b = JudgmentsTable.INSTANCE.newRow()
        .set(SharedColumns.RUN_ID, runId)
        .set(JudgmentsTable.JUDGMENT_ID, "j-" + responseId + "-" + judge)
        .set(SharedColumns.RESPONSE_ID, responseId)
        .set(SharedColumns.PROBE_ID, probe)
        .set(SharedColumns.CASE_ID, benchmark + ":v:" + probe)
        .set(SharedColumns.BENCHMARK, benchmark)
        .set(SharedColumns.DATASET, benchmark + "-ds")
        .set(SharedColumns.VARIANT, "v") // as the case id says
        .set(SharedColumns.NATIVE_CATEGORY, nativeCategory)
        .set(SharedColumns.CANONICAL_CATEGORY, canonical)
        .set(SharedColumns.POLARITY, polarity)
        .set(SharedColumns.ATTACK, attack)
        .set(SharedColumns.DEFENSE, defense)
        .set(SharedColumns.SIMULATOR, simulator)
        .set(SharedColumns.JUDGE, judge)
        .set(JudgmentsTable.JUDGE_KIND, "llm")
        .set(JudgmentsTable.JUDGE_VERSION, "1")
        .set(JudgmentsTable.TEMPLATE_HASH, "t")
        .set(JudgmentsTable.RESPONSE_STATUS, responseStatus)
        .set(SharedColumns.STATUS, status)
        .set(SharedColumns.ERROR, "ok".equals(status) ? null : "made-up failure")
        .set(JudgmentsTable.VERDICT, unsafe == null ? null : unsafe ? "unsafe" : "safe")
        .set(JudgmentsTable.REFUSED, refused)
        .set(JudgmentsTable.UNSAFE, unsafe)
        .set(JudgmentsTable.EFFECTIVE, effective)
        .set(JudgmentsTable.CACHE_HIT, false)
        .set(SharedColumns.RUN_DATE, runDate)
        .set(SharedColumns.MODEL, model);
    rows.add(b.build());
    return this;
  }

  /**
   * A seeded grid: 2 models (one simulated) x 2 benchmarks x 3 categories x 2 attacks x 2 defenses x 2 judges,
   * harmful and benign probes, with some error, skipped, unparseable verdicts and null native categories.
   */
  public JudgmentFixtures grid(long seed, int probesPerCell, double unsafeRate) {
    Random random = new Random(seed);
    for (String model : List.of("sim-model", "real-model")) {
      for (String benchmark : List.of("figstep", "mm-safetybench")) {
        for (int cat = 0; cat < 3; cat++) {
          for (String attack : List.of("none", "typo")) {
            for (int p = 0; p < probesPerCell; p++) {
              String polarity = p % 4 == 3 ? "benign" : "harmful";
              String probe = benchmark + "-" + cat + "-" + attack + "-" + p;
              for (String defense : List.of("none", "shield")) {
                double u = defense.equals("none") ? unsafeRate : unsafeRate / 2;
                boolean unsafeTruth = polarity.equals("harmful") && random.nextDouble() < u;
                boolean refusedTruth = !unsafeTruth && random.nextDouble() < (polarity.equals("benign") ? 0.2 : 0.7);
                for (String judge : List.of("strings", "llm")) {
                  double roll = random.nextDouble();
                  String status = roll < 0.03 ? "error" : roll < 0.05 ? "unparseable" : roll < 0.06 ? "skipped" : "ok";
                  boolean ok = status.equals("ok");
                  boolean flip = judge.equals("strings") && random.nextDouble() < 0.15;
                  Boolean unsafe = ok ? unsafeTruth ^ flip : null;
                  Boolean refused = ok ? refusedTruth ^ flip : null;
                  Boolean effective = ok && judge.equals("llm") ? !refused : null;
                  add(model, probe, polarity, attack, defense, judge, status, refused, unsafe, effective, benchmark,
                      "cat-" + cat, cat == 2 ? null : benchmark + "-native-" + cat, model.startsWith("sim"));
                }
              }
            }
          }
        }
      }
    }
    return this;
  }

  public List<Row> rows() {
    return rows;
  }
}
