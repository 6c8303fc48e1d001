package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.AnalystQuery;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.jobs.cli.options.ConfigFileOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sql --config FILE "QUERY"}: Spark SQL over the run's tables, with mllm_generate and a call guard. */
@Command(name = "sql",
    description = {"Run one Spark SQL query over the tables under the config's output root (views cases, probes, responses,",
        "judgments, metrics, runs, ...) with mllm_generate(model, text, image) bound to the config's models. A query",
        "that would call models more than --max-calls times is refused before any call (docs/bi.md)."},
    footer = {"", "Example:",
      "  ./mmsafety sql --config deploy/examples/run-nightly.yaml \"SELECT case_id, r.status, r.text FROM (SELECT case_id,",
      "    mllm_generate('qwen25-vl-7b', prompt_text, try_element_at(image_uris, 1)) AS r",
      "    FROM (SELECT * FROM probes WHERE run_date = '2026-05-01' ORDER BY case_id LIMIT 8))\""})
public final class SqlCommand extends CliCommand {
  @Mixin ConfigFileOption config;

  @Option(names = "--max-calls", paramLabel = "N", defaultValue = "" + AnalystQuery.MAX_CALLS_DEFAULT,
      description = "Most model calls the query may make (default: ${DEFAULT-VALUE}).")
  long maxCalls;

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "" + AnalystQuery.MAX_ROWS_DEFAULT,
      description = "Most result rows printed (default: ${DEFAULT-VALUE}).")
  int maxRows;

  @Parameters(index = "0", paramLabel = "QUERY", description = "One Spark SQL statement.")
  String query;

  @Override
  protected int execute() throws Exception {
    new AnalystQuery(maxCalls, maxRows).run(config.load(), query, out());
    return 0;
  }
}
