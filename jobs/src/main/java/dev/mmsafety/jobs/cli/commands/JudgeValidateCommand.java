package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SimulatorLauncher;
import dev.mmsafety.jobs.StandaloneJudge;
import dev.mmsafety.jobs.ValidateJudgesJob;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import dev.mmsafety.jobs.cli.options.ResponseFileOptions;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import dev.mmsafety.udf.config.RunConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code judge validate}: every configured judge against human labels, per category, with intervals. */
@Command(name = "validate",
    description = "Import human-labelled answers, run the judges over them and compare each with the human majority"
        + " (judge_agreement, report.html).",
    footer = {"", "Example (docs/judges.md):", "  ./mmsafety judge validate \\",
      "      --labels deploy/examples/datasets/labelled-answers.jsonl \\",
      "      --config deploy/examples/judges-keyword.yaml --out /tmp/mmsafety-validate \\",
      "      --field text=question --field response=answer"})
public final class JudgeValidateCommand extends CliCommand {
  @Option(names = "--labels", required = true, description = "Labels file: JSONL, CSV or Parquet (local path or Hadoop URI).")
  String labels;

  @Mixin ConfigFileOption config;

  @Option(names = "--judges", split = ",", description = "Judge names from the config to validate (default: all).")
  List<String> names;

  @Option(names = "--out", required = true, description = "Output root: cases, responses, judgments, judge_agreement, report.html.")
  Path out;

  @Mixin ResponseFileOptions reading;

  @Option(names = "--decision", description = "refused or harmful, for files without a decision column.")
  String decision;

  @Option(names = "--model", description = "Model name of answers without a model field (default ${DEFAULT-VALUE}).")
  String model = "labelled";

  @Mixin RunDateOption runDate;

  @Override
  protected String failureSubject() {
    return "validate judges " + labels;
  }

  @Override
  protected int execute() throws Exception {
    RunConfig loaded = config.loadForJudging();
    StandaloneJudge.select(loaded.judges(), names); // unknown names fail before anything starts
    RunConfig withOut = runDate.applyTo(StandaloneJudge.withOutput(loaded, "validate", out));
    try (SimulatorLauncher simulator = SimulatorLauncher.startIfNeeded(withOut)) {
      EvalJobs jobs = EvalJobs.get(RunContext.standalone("validate", simulator.config()));
      ValidateJudgesJob.Result result = jobs.validateJudges()
          .judges(StandaloneJudge.select(simulator.config().judges(), names))
          .labels(reading.applyTo(jobs.importResponses().file(labels).dataset("labelled").decision(decision)
              .defaultModel(model)))
          .execute();
      PrintWriter w = out();
      result.summaryLines().forEach(w::println);
      jobs.writeReport().execute().summaryLines().forEach(w::println);
      w.flush();
    }
    return 0;
  }
}
