package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;

/** Small config rewrites that options ask for. */
final class RunConfigs {
  private RunConfigs() {}

  static RunConfig withRunDate(RunConfig config, String runDate) {
    if (runDate == null) {
      return config;
    }
    RunSpec run = config.run();
    return withRun(config, new RunSpec(run.name(), run.output(), runDate, run.seed()));
  }

  static RunConfig withRun(RunConfig c, RunSpec run) {
    return new RunConfig(
        run, c.spark(), c.datasets(), c.attacks(), c.models(), c.defenses(), c.judges(), c.inference(),
        c.simulator(), c.report());
  }
}
