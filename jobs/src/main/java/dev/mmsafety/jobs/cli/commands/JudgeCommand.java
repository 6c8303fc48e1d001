package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.StandaloneJudge;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code judge}: runs judges over any responses table (generated or imported) into judgments under --out. */
@Command(name = "judge",
    subcommands = JudgeValidateCommand.class,
    description = "Run judges over a responses table; verdicts of LLM/guard judges are cached under OUT/cache/judgments.",
    footer = {"", "Example, after ./mmsafety run --config deploy/examples/run-local.yaml:",
      "  ./mmsafety judge --responses mmsafety-out/local-smoke/responses \\",
      "      --config deploy/examples/run-local.yaml \\",
      "      --judges refusal --out /tmp/mmsafety-rejudged"})
public final class JudgeCommand extends CliCommand {
  // Not picocli-required: picocli would then demand them before the validate subcommand too.
  @Option(names = "--responses", description = "Responses table (Parquet path or folder); required.")
  Path responses;

  @Option(names = "--config", paramLabel = "FILE", description = "Run config (YAML); required.")
  Path config;

  @Option(names = "--judges", split = ",", description = "Judge names from the config to run (default: all).")
  List<String> names;

  @Option(names = "--out", description = "Output root for judgments and the judgment cache; required.")
  Path out;

  @Option(names = "--probes", description = "Probes table, for judges that need the question or image.")
  Path probes;

  @Option(names = "--cases", description = "Cases table, for judges that need context (image descriptions).")
  Path cases;

  @Override
  protected int execute() throws Exception {
    for (Object[] option : new Object[][] {{"--responses", responses}, {"--config", config}, {"--out", out}}) {
      if (option[1] == null) {
        throw new ConfigException("Cannot judge responses: missing required option " + option[0]);
      }
    }
    StandaloneJudge judge = new StandaloneJudge(responses, names, out, probes, cases);
    return printed(judge.run(ConfigLoader.load(config, ConfigLoader.Use.JUDGE)).summaryLines());
  }
}
