package dev.mmsafety.jobs.cli;

import dev.mmsafety.udf.exceptions.ConfigException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's user errors: the one-line {@code ConfigException} message on the command's error stream and exit
 * {@link EvalCli#EXIT_USAGE}, also when the command runs without {@link EvalCli} (as the command tests do).
 */
public final class UserErrors {
  private UserErrors() {}

  /** A command body that returns its exit code. */
  @FunctionalInterface
  public interface Body {
    int run() throws Exception;
  }

  /** Runs {@code body}; a {@code ConfigException} becomes its message and exit 2. */
  public static int exitCode(CommandSpec spec, Body body) throws Exception {
    try {
      return body.run();
    } catch (ConfigException e) {
      return usage(spec, e.getMessage());
    }
  }

  /**
   * As {@link #exitCode(CommandSpec, Body)}, and a bad value ({@code IllegalArgumentException}) is a user error
   * too; a message that does not say "Cannot ..." itself is prefixed with "Cannot {@code what}: ".
   */
  public static int exitCode(CommandSpec spec, String what, Body body) throws Exception {
    try {
      return body.run();
    } catch (ConfigException | IllegalArgumentException e) {
      String message = e.getMessage();
      return usage(spec, message.startsWith("Cannot") ? message : "Cannot " + what + ": " + message);
    }
  }

  private static int usage(CommandSpec spec, String message) {
    spec.commandLine().getErr().println(message);
    spec.commandLine().getErr().flush();
    return EvalCli.EXIT_USAGE;
  }
}
