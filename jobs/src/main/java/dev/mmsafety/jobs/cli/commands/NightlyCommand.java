package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.PrefixedErrorsCommand;
import dev.mmsafety.jobs.EvaluationPipeline;
import dev.mmsafety.jobs.cli.RunPrinter;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import dev.mmsafety.jobs.cli.options.RunDateOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The nightly job: ingest (reusing benchmarks whose content hash is unchanged), attack, infer, judge, metrics,
 * regressions against the previous night, report. Idempotent per run date: re-running a night replaces only that
 * night's partitions, and the response cache makes the re-run call no model it already has an answer from.
 */
@Command(name = "nightly",
    description = {"Run the nightly evaluation for one run date (default today, UTC), compare it with the previous night and",
        "exit 3 on a flagged regression when --fail-on-regression is given."},
    footer = {"", "Examples:", "  ./mmsafety nightly --config deploy/examples/run-local.yaml \\",
      "      --fail-on-regression",
      "  deploy/spark-submit.sh --target k8s \\",
      "      --master k8s://https://kube-api:6443 -- nightly \\",
      "      --config /etc/mmsafety/run.yaml",
      "  (/etc/mmsafety/run.yaml: the ConfigMap deploy/k8s/nightly-config.yaml)"})
public final class NightlyCommand extends PrefixedErrorsCommand {
  public static final int EXIT_REGRESSION = 3;

  @Mixin ConfigFileOption config;

  @Mixin RunDateOption runDate;

  @Option(names = "--fail-on-regression", description = "Exit 3 when a regression is flagged.")
  boolean failOnRegression;


  @Override
  protected int execute() {
    EvaluationPipeline.Result result =
        RunPrinter.run(spec, EvaluationPipeline.NIGHTLY, runDate.applyTo(config.load()), config.file().toString());
    if (result.regressionFlagged()) {
      spec.commandLine().getErr().println("mmsafety: regression flagged against the baseline (see regressions table)");
      return failOnRegression ? EXIT_REGRESSION : 0;
    }
    return 0;
  }
}
