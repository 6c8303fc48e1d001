package dev.mmsafety.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand: help options (picocli inherits this class's {@code @Command} attributes), the spec, output helpers,
 * and where its user errors go. By default a {@code ConfigException} becomes its message and exit 2 here
 * ({@link UserErrors}), so the command behaves the same without {@link EvalCli} (as the command tests run it).
 */
@Command(mixinStandardHelpOptions = true)
public abstract class CliCommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  /** The command's work; returns its exit code. */
  protected abstract int execute() throws Exception;

  /**
   * What the command does, for "Cannot {@code subject}: ..." when a bad value ({@code IllegalArgumentException}) is
   * a user error too; null (the default) leaves bad values to fail the command.
   */
  protected String failureSubject() {
    return null;
  }

  /** False for commands whose user errors go to {@link EvalCli}'s handler ("mmsafety: ..."). */
  protected boolean handlesUserErrors() {
    return true;
  }

  @Override
  public final Integer call() throws Exception {
    if (!handlesUserErrors()) {
      return execute();
    }
    String subject = failureSubject();
    return subject == null
        ? UserErrors.exitCode(spec, this::execute)
        : UserErrors.exitCode(spec, subject, this::execute);
  }

  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints {@code lines} and flushes; returns exit 0. */
  protected final int printed(List<String> lines) {
    PrintWriter out = out();
    lines.forEach(out::println);
    out.flush();
    return 0;
  }
}
