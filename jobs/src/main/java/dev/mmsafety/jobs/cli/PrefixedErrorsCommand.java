package dev.mmsafety.jobs.cli;

/**
 * A command whose user errors go to {@link EvalCli}'s handler, printed as "mmsafety: message" with exit 2: the
 * commands that run or rewrite a whole thing (run, nightly, quickstart, docs), as their users and tests see them.
 */
public abstract class PrefixedErrorsCommand extends CliCommand {
  @Override
  protected final boolean handlesUserErrors() {
    return false;
  }
}
