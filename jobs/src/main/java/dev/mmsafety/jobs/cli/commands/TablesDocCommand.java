package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.schemas.TableDocs;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the table contracts as Markdown (the source of docs/tables.md). */
@Command(
    name = "tables-doc",
    mixinStandardHelpOptions = true,
    description = "Print every table contract (columns, types, meaning) as Markdown.",
    footer = {"", "Example:", "  ./mmsafety tables-doc > docs/tables.md"})
public final class TablesDocCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(TableDocs.markdown());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
