package dev.mmsafety.jobs.cli.commands;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Attack tools that run before any GPU time is spent. */
@Command(name = "attack",
    mixinStandardHelpOptions = true,
    description = "Attack tools: preview attacked images and prompts as files.",
    subcommands = {AttackPreviewCommand.class},
    footer = {"", "Example:", "  ./mmsafety attack preview --benchmark xstest \\",
      "      --path deploy/examples/datasets/xstest-sample --attack figstep \\",
      "      --out /tmp/p"})
public final class AttackCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing attack tool: preview");
  }
}
