package dev.mmsafety.jobs.cli;

import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Runs the whole pipeline for a command and prints where the run's tables and report are. */
public final class RunPrinter {
  private RunPrinter() {}

  public static PrintWriter out(CommandLine.Model.CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  /** Runs {@code config} as {@code command} (run, nightly, quickstart), printing progress and then the result. */
  public static EvaluationPipeline.Result run(
      CommandLine.Model.CommandSpec spec, String command, RunConfig config, String source) {
    EvaluationPipeline.Result result = new EvaluationPipeline(command, out(spec), Clock.systemUTC()).run(config, source);
    printResult(spec, result);
    return result;
  }

  public static void printResult(CommandLine.Model.CommandSpec spec, EvaluationPipeline.Result result) {
    PrintWriter out = out(spec);
    out.println();
    out.println("run " + result.runId() + " (run_date=" + result.runDate() + ") " + result.status()
        + (EvaluationPipeline.PARTIAL.equals(result.status())
            ? ": a budget cap left rows unrun (see runs.not_run and the report)" : ""));
    out.println("tables:  " + result.outputRoot() + "/{cases,probes,image_lineage,responses,judgments,metrics,"
        + "rejects,runs}/run_date=" + result.runDate());
    out.println("report:  " + result.outputRoot() + "/report.html");
    out.flush();
  }
}
