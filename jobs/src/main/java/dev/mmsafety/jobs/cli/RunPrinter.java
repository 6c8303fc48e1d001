package dev.mmsafety.jobs.cli;

import dev.mmsafety.jobs.EvaluationPipeline;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Prints where a run's tables and report are. */
public final class RunPrinter {
  private RunPrinter() {}

  public static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  public static void printResult(CommandLine.Model.CommandSpec spec, EvaluationPipeline.Result result) {
    PrintWriter out = out(spec);
    out.println();
    out.println("run " + result.runId() + " (run_date=" + result.runDate() + ") succeeded");
    out.println("tables:  " + result.outputRoot() + "/{cases,probes,image_lineage,responses,judgments,metrics,"
        + "rejects,runs}/run_date=" + result.runDate());
    out.println("report:  " + result.outputRoot() + "/report.html");
    out.flush();
  }
}
