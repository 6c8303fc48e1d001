package dev.mmsafety.jobs.cli;

import dev.mmsafety.jobs.cli.commands.AttackCommand;
import dev.mmsafety.jobs.cli.commands.BenchCommand;
import dev.mmsafety.jobs.cli.commands.DocsCommand;
import dev.mmsafety.jobs.cli.commands.ImportResponsesCommand;
import dev.mmsafety.jobs.cli.commands.IngestCommand;
import dev.mmsafety.jobs.cli.commands.JudgeCommand;
import dev.mmsafety.jobs.cli.commands.NightlyCommand;
import dev.mmsafety.jobs.cli.commands.PlanCommand;
import dev.mmsafety.jobs.cli.commands.QuickstartCommand;
import dev.mmsafety.jobs.cli.commands.RunCommand;
import dev.mmsafety.jobs.cli.commands.SqlCommand;
import dev.mmsafety.jobs.cli.commands.TablesDocCommand;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mmsafety} command line. Subcommands hold no logic: they map options to jobs. */
@Command(
    name = "mmsafety",
    mixinStandardHelpOptions = true,
    versionProvider = EvalCli.Version.class,
    description = "Distributed safety evaluation of multimodal LLMs on Apache Spark.",
    subcommands = {
      QuickstartCommand.class,
      RunCommand.class,
      NightlyCommand.class,
      IngestCommand.class,
      ImportResponsesCommand.class,
      AttackCommand.class,
      PlanCommand.class,
      JudgeCommand.class,
      SqlCommand.class,
      BenchCommand.class,
      TablesDocCommand.class,
      DocsCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Example:", "  ./mmsafety quickstart --out /tmp/mmsafety-out"})
public final class EvalCli implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(runMain(System.out, System.err, args));
  }

  /** Runs the CLI with the given streams and returns the exit code (testable without exiting the JVM). */
  public static int runMain(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new EvalCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          ConfigException config = findConfigException(ex);
          if (config != null) {
            err.println("mmsafety: " + oneLine(config.getMessage()));
            return EXIT_USAGE;
          }
          err.println("mmsafety: failed: " + oneLine(String.valueOf(ex.getMessage())));
          ex.printStackTrace(err);
          return EXIT_FAILED;
        });
    return cli.execute(args);
  }

  private static ConfigException findConfigException(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof ConfigException c) {
        return c;
      }
    }
    return null;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').strip();
  }

  /** Version from the jar manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"mmsafety " + dev.mmsafety.jobs.CodeVersion.current()};
    }
  }
}
