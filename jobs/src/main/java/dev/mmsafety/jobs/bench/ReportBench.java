package dev.mmsafety.jobs.bench;

import static org.apache.spark.sql.functions.expr;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.jobs.WriteReportJob;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.JudgmentsTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.schemas.TableContract;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.report.ChromiumPage;
import dev.mmsafety.udf.report.HeadlessChromium;
import dev.mmsafety.udf.report.HtmlReport;
import dev.mmsafety.udf.report.ReportData;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench report}: report.html for {@code responses} synthetic responses (4 models, two simulated, x 2
 * defenses x 5 attacks x 5 benchmarks, two judges, answers of 20 to 1,500 characters, some holding markup), its
 * size, and its open time in headless Chromium against the goals (under 20 MB, under 3 s). By default the report's
 * input is built in memory ({@link SyntheticReportData}: the same rows, aggregated and sampled by the report's own
 * rules) and rendered by {@link HtmlReport}, in about a minute; {@code viaJobs} writes the synthetic tables and
 * runs the metrics and report jobs instead (minutes). The first load is cold: a Chromium started for it with a
 * fresh profile; {@code loads - 1} more loads follow in the same browser (warm).
 */
public record ReportBench(long responses, int loads, Path work, boolean viaJobs) {
  public static final long GOAL_BYTES = 20L * 1000 * 1000;
  public static final long GOAL_READY_MS = 3000;
  static final int MODELS = 4;
  static final int DEFENSES = 2;
  static final int ATTACKS = 5;
  static final String YAML = """
      run: {name: bench-report, output: '%s', run-date: '2026-06-01'}
      datasets:
        - {name: figstep, benchmark: figstep, path: /bench}
        - {name: mm-safetybench, benchmark: mm-safetybench, path: /bench}
        - {name: jailbreakv-28k, benchmark: jailbreakv-28k, path: /bench}
        - {name: mossbench, benchmark: mossbench, path: /bench}
        - {name: xstest, benchmark: xstest, path: /bench}
      attacks: [{name: none}, {name: figstep}, {name: jailbreak-template}, {name: qr}, {name: perturb}]
      defenses: [{name: none}, {name: shield}]
      models:
        - {name: sim-a, endpoints: [{name: s, url: 'http://127.0.0.1:1/v1', simulated: true}]}
        - {name: sim-b, endpoints: [{name: s, url: 'http://127.0.0.1:1/v1', simulated: true}]}
        - {name: real-a, endpoints: [{name: gpu, url: 'http://gpu-0:8000/v1'}]}
        - {name: real-b, endpoints: [{name: gpu, url: 'http://gpu-1:8000/v1'}]}
      judges: [{name: strings, type: refusal-strings}, {name: llm, type: llm}]
      """;

  public ReportBench {
    if (responses < MODELS * DEFENSES * ATTACKS || loads < 1) {
      throw new ConfigException("Cannot run bench report: --responses must be at least "
          + MODELS * DEFENSES * ATTACKS + " and --loads positive");
    }
  }

  /** Runs the benchmark, printing its figures; true when both goals are met. */
  public boolean run(PrintWriter out) throws Exception {
    Path root = Files.createDirectories(work.resolve("out")).toAbsolutePath();
    Path html = root.resolve(WriteReportJob.FILE_NAME);
    long start = System.nanoTime();
    long samples;
    if (viaJobs) {
      samples = viaJobs(root, out);
    } else {
      ReportData data = SyntheticReportData.build(responses, "bench-report-run", "2026-06-01",
          root.toUri().toString().replaceAll("/$", ""));
      out.printf("synthetic report data: %,d responses, %,d samples, %,d heatmap cells in %.1f s%n",
          data.samples().responses(), data.samples().samples().size(), data.heatmap().size(), secs(start));
      start = System.nanoTime();
      Files.writeString(html, HtmlReport.render(data), StandardCharsets.UTF_8);
      samples = data.samples().samples().size();
    }
    long bytes = Files.size(html);
    out.printf("report.html: %,d bytes (%.1f MB), %d samples embedded, written in %.1f s: %s%n", bytes, bytes / 1e6,
        samples, secs(start), html);
    out.flush();
    Path exe = HeadlessChromium.find().orElseThrow(() -> new ConfigException(
        "Cannot run bench report: no Chromium at " + HeadlessChromium.DEFAULT + " (apt-get install -y chromium)"));
    long floor = blankPageReadyMs(exe);
    out.printf("chromium floor: a blank page is ready %d ms after navigation start in a fresh browser and profile%n",
        floor);
    List<Long> ready = new ArrayList<>();
    Path profile = Files.createTempDirectory(work, "chromium-");
    long launched = System.nanoTime();
    // Cold: a browser started for this page with a fresh profile, the page its first load; then warm loads.
    try (ChromiumPage page = ChromiumPage.open(exe, profile, html.toUri().toString())) {
      for (int i = 0; i < loads; i++) {
        if (i > 0) {
          page.navigate("about:blank");
          page.navigate(html.toUri().toString());
        }
        page.waitFor("location.protocol === 'file:' && document.documentElement.dataset.ready === '1'",
            "the report's ready marker");
        long readyMs = page.evalLong("Number(document.documentElement.dataset.readyMs)");
        long readMs = page.evalLong("Math.round(performance.getEntriesByType('navigation')[0].responseEnd)");
        long paintMs = page.evalLong("Math.round((performance.getEntriesByType('paint')[0] || {startTime: -1})"
            + ".startTime)");
        ready.add(readyMs);
        out.printf("chromium load %d (%s): page ready %d ms after navigation start (file read by %d ms, first paint"
            + " %d ms; parse, JSON and rendering %d ms)%s%n", i + 1, i == 0 ? "cold, fresh profile" : "warm",
            readyMs, readMs, paintMs, readyMs - readMs, i == 0 ? String.format(
                ", %.1f s from launching Chromium; %d ms over the blank page", secs(launched), readyMs - floor) : "");
        out.flush();
      }
    }
    long cold = ready.get(0);
    boolean ok = bytes < GOAL_BYTES && cold < GOAL_READY_MS;
    out.printf("goals: size %.1f MB < 20 MB %s; cold open %d ms < 3000 ms %s (blank-page floor %d ms; warm worst"
        + " %d ms)%n", bytes / 1e6, bytes < GOAL_BYTES ? "MET" : "MISSED", cold, cold < GOAL_READY_MS ? "MET" : "MISSED",
        floor, ready.stream().skip(1).mapToLong(Long::longValue).max().orElse(cold));
    return ok;
  }

  /**
   * What a fresh browser and profile take to show a page that does nothing (the same ready marker), so the cold
   * figure can be split into Chromium's own start-up and the report's share.
   */
  private long blankPageReadyMs(Path exe) throws Exception {
    Path blank = work.resolve("blank.html");
    Files.writeString(blank, "<!doctype html><html><body><p>blank</p><script>document.documentElement.setAttribute("
        + "'data-ready-ms', String(Math.round(performance.now())));document.documentElement.setAttribute("
        + "'data-ready', '1');</script></body></html>", StandardCharsets.UTF_8);
    try (ChromiumPage page = ChromiumPage.open(exe, Files.createTempDirectory(work, "chromium-blank-"),
        blank.toUri().toString())) {
      page.waitFor("location.protocol === 'file:' && document.documentElement.dataset.ready === '1'", "blank page");
      return page.evalLong("Number(document.documentElement.dataset.readyMs)");
    }
  }

  /** The synthetic tables through the metrics and report jobs; the samples embedded. */
  private long viaJobs(Path root, PrintWriter out) {
    RunConfig config = ConfigLoader.parse(String.format(YAML, root), "bench-report");
    SparkSession spark = SparkSessions.getOrCreate(config.spark(), "mmsafety-bench-report", root.toString());
    RunContext context = new RunContext(spark, config, "bench-report-run", "2026-06-01", root.toString(), 1L);
    long start = System.nanoTime();
    long written = writeTables(context);
    out.printf("synthetic tables: %,d responses, %,d judgments in %.1f s%n", written, 2 * written, secs(start));
    start = System.nanoTime();
    EvalJobs.get(context).computeMetrics()
        .input(context.tables().readRun(JudgmentsTable.INSTANCE, context.runId())).execute();
    out.printf("metrics in %.1f s%n", secs(start));
    WriteReportJob.Result report = EvalJobs.get(context).writeReport().execute();
    return report.counts().get("samples");
  }

  private long writeTables(RunContext context) {
    SparkSession spark = context.spark();
    long probes = responses / (MODELS * DEFENSES);
    long cases = Math.max(1, probes / ATTACKS);
    Dataset<Row> caseRows = spark.range(cases).selectExpr("id AS c", "'" + context.runId() + "' AS run_id",
            "'" + context.runDate() + "' AS run_date",
            "element_at(array('figstep','mm-safetybench','jailbreakv-28k','mossbench','xstest'), "
                + "CAST(id % 5 AS INT) + 1) AS benchmark",
            "concat('v', id % 3) AS variant",
            "element_at(array('violent_crimes','fraud_deception','cybercrime','privacy','self_harm','weapons',"
                + "'hate_discrimination','sexual_content','specialized_advice','other'), CAST((id DIV 5) % 10 AS INT) + 1)"
                + " AS canonical_category")
        .selectExpr("*", "benchmark AS dataset", "concat(benchmark, ':', variant, ':', c) AS case_id",
            "IF(benchmark = 'mossbench' OR (benchmark = 'xstest' AND c % 2 = 0), 'benign', 'harmful') AS polarity",
            "concat('Synthetic case ', c, ': ', repeat('how would someone do the thing described here? ',"
                + " CAST(1 + c % 6 AS INT))) AS prompt_text",
            "CAST(c AS STRING) AS native_id", "'dh' AS dataset_hash", "'data.jsonl' AS source_file",
            "CAST(c AS STRING) AS source_row")
        .persist();
    write(context, caseRows, CasesTable.INSTANCE);
    Dataset<Row> probeRows = caseRows
        .crossJoin(spark.range(ATTACKS).selectExpr(
            "element_at(array('none','figstep','jailbreak-template','qr','perturb'), CAST(id AS INT) + 1) AS attack"))
        .selectExpr("*", "substring(sha2(concat(case_id, attack), 256), 1, 16) AS probe_id")
        .selectExpr("*",
            "IF(attack IN ('figstep', 'qr'), array(concat('file:" + context.outputRoot()
                + "/images/sha256/', substring(probe_id, 1, 2), '/', probe_id, '.png')), array()) AS image_uris",
            "IF(attack IN ('figstep', 'qr'), array(probe_id), array()) AS image_sha256s",
            "'1' AS attack_version", "'{}' AS attack_params", "CAST(1 AS BIGINT) AS attack_seed")
        .persist();
    write(context, probeRows, ProbesTable.INSTANCE);
    Dataset<Row> responseRows = probeRows.drop("prompt_text", "image_uris", "image_sha256s")
        .crossJoin(spark.range(MODELS).selectExpr("element_at(array('sim-a','sim-b','real-a','real-b'),"
            + " CAST(id AS INT) + 1) AS model"))
        .crossJoin(spark.range(DEFENSES).selectExpr("IF(id = 0, 'none', 'shield') AS defense"))
        .selectExpr("*", "substring(sha2(concat(probe_id, model, defense), 256), 1, 16) AS response_id")
        .selectExpr("*", "pmod(hash(response_id), 1000) AS u")
        .selectExpr("*", "model LIKE 'sim-%' AS simulator", "model AS model_id", "'1' AS defense_version",
            "'{}' AS defense_params", "'{}' AS gen_params", "concat('req-', response_id) AS request_id",
            "CAST(1 AS INT) AS attempts", "false AS cache_hit", "'generated' AS source",
            "IF(u < 8, 'server_error', 'ok') AS status",
            // Attacks other than none and no defense make unsafe answers likelier, as in the survey.
            "polarity = 'harmful' AND u % 100 < (IF(attack = 'none', 15, 45) - IF(defense = 'shield', 10, 0))"
                + " AS truth_unsafe",
            "u % 100 >= 85 AS truth_refused_benign")
        .selectExpr("*", "IF(status = 'ok', IF(truth_unsafe, concat('Sure, here is how. ', repeat('Step with"
                + " made-up details. ', CAST(1 + u % 60 AS INT)), IF(u % 97 = 0,"
                + " '</script><script>document.title=1</script><img src=x onerror=alert(1)>', '')),"
                + " IF(polarity = 'harmful' OR truth_refused_benign, 'I cannot help with that request.',"
                + " concat('Here is a helpful answer. ', repeat('More helpful text. ', CAST(1 + u % 40 AS INT))))),"
                + " NULL) AS text")
        .selectExpr("*", "sha2(text, 256) AS text_sha256",
            "IF(status = 'ok', NULL, 'made-up server error') AS error")
        .persist();
    write(context, responseRows, ResponsesTable.INSTANCE);
    Dataset<Row> judgmentRows = responseRows
        .crossJoin(spark.range(2).selectExpr("IF(id = 0, 'strings', 'llm') AS judge"))
        .selectExpr("*", "judge = 'strings' AND pmod(hash(response_id, judge), 10) = 0 AS flip")
        .selectExpr("*", "substring(sha2(concat(response_id, judge), 256), 1, 16) AS judgment_id",
            "IF(judge = 'llm', 'llm', 'refusal-strings') AS judge_kind", "'1' AS judge_version",
            "concat('template-', judge) AS template_hash", "status AS response_status",
            "IF(status = 'ok', 'ok', 'skipped') AS j_status",
            "IF(status = 'ok', truth_unsafe <> flip, NULL) AS unsafe_v",
            "IF(status = 'ok', (NOT truth_unsafe AND (polarity = 'harmful' OR truth_refused_benign)) <> flip,"
                + " NULL) AS refused_v")
        .drop("status", "error")
        .selectExpr("*", "j_status AS status", "unsafe_v AS unsafe", "refused_v AS refused",
            "IF(unsafe_v, 'unsafe', IF(refused_v, 'refusal', 'compliance')) AS verdict",
            "concat('synthetic verdict of ', judge) AS reason");
    write(context, judgmentRows, JudgmentsTable.INSTANCE);
    long n = responseRows.count();
    responseRows.unpersist();
    probeRows.unpersist();
    caseRows.unpersist();
    return n;
  }

  private static void write(RunContext context, Dataset<Row> rows, TableContract table) {
    context.tables().write(rows.select(table.columns().stream()
        .filter(c -> java.util.Arrays.asList(rows.columns()).contains(c.name()))
        .map(c -> expr("`" + c.name() + "`")).toArray(org.apache.spark.sql.Column[]::new)), table);
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
