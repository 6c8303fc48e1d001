package dev.mmsafety.jobs;

import dev.mmsafety.jobs.metrics.OptionalTables;
import dev.mmsafety.jobs.report.ReportDataReader;
import dev.mmsafety.schemas.MetricsTable;
import dev.mmsafety.udf.report.HtmlReport;
import dev.mmsafety.udf.report.ReportData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes {@code <out>/report.html} from the run's metrics, judge_agreement, regressions, rejects, judgments and
 * responses, cases, probes and rejects, plus the metrics of earlier runs in the same output root (trend). Reads
 * only aggregated rows and a bounded stratified sample to the driver; the page is one offline file (inline CSS,
 * SVG and script under a Content-Security-Policy; docs/report.md). Answers to harmful cases are covered until
 * clicked unless {@code report.redact-samples: false}. A run without metrics (no responses) still gets a page
 * that says so.
 */
public final class WriteReportJob extends StageJob<WriteReportJob> {
  public static final String JOB_GROUP = "WRITE-REPORT";
  public static final String FILE_NAME = "report.html";

  WriteReportJob(RunContext context) {
    super(context);
  }

  public Result execute() {
    return context.inJobGroup(JOB_GROUP, "report.html", () -> {
      Dataset<Row> metrics = input != null ? input
          : OptionalTables.thisRun(context, MetricsTable.INSTANCE)
              .orElseGet(() -> context.spark().createDataFrame(List.of(), MetricsTable.INSTANCE.schema()));
      ReportData data = new ReportDataReader(context).read(metrics);
      String html = HtmlReport.render(data);
      String path = context.outputRoot() + "/" + FILE_NAME;
      write(path, html);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("report_bytes", (long) html.getBytes(StandardCharsets.UTF_8).length);
      counts.put("samples", (long) data.samples().samples().size());
      counts.put("regressions_flagged", data.regressions().stream().filter(r -> r.flagged()).count());
      return new Result(counts, List.of("report: " + path), path);
    });
  }

  private void write(String path, String html) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(context.spark().sparkContext().hadoopConfiguration());
      try (OutputStream out = fs.create(p, true)) {
        out.write(html.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write report " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Counts (report_bytes, samples, regressions_flagged) and where the report is.
   *
   * @param reportPath URI of report.html
   */
  public record Result(Map<String, Long> counts, List<String> summaryLines, String reportPath)
      implements StageResult {}
}
