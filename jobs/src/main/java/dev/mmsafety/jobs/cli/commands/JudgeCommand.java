package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.StandaloneJudge;
import dev.mmsafety.jobs.cli.UserErrors;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code judge}: runs judges over any responses table (generated or imported) into judgments under --out. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = "Run judges over a responses table; verdicts of LLM/guard judges are cached under OUT/cache/judgments.",
    footer = {"", "Example, after ./mmsafety run --config deploy/examples/run-local.yaml:",
      "  ./mmsafety judge --responses mmsafety-out/local-smoke/responses \\",
      "      --config deploy/examples/run-local.yaml \\",
      "      --judges refusal --out /tmp/mmsafety-rejudged"})
public final class JudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--responses", required = true, description = "Responses table (Parquet path or folder).")
  Path responses;

  @Mixin ConfigFileOption config;

  @Option(names = "--judges", split = ",", description = "Judge names from the config to run (default: all).")
  List<String> names;

  @Option(names = "--out", required = true, description = "Output root for judgments and the judgment cache.")
  Path out;

  @Option(names = "--probes", description = "Probes table, for judges that need the question or image.")
  Path probes;

  @Option(names = "--cases", description = "Cases table, for judges that need context (image descriptions).")
  Path cases;

  @Override
  public Integer call() throws Exception {
    return UserErrors.exitCode(spec, () -> {
      StandaloneJudge judge = new StandaloneJudge(responses, names, out, probes, cases);
      judge.run(config.load()).summaryLines().forEach(spec.commandLine().getOut()::println);
      spec.commandLine().getOut().flush();
      return 0;
    });
  }
}
