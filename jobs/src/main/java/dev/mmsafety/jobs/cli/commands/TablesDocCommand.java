package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.schemas.TableDocs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the table contracts as Markdown (the source of docs/tables.md). */
@Command(name = "tables-doc",
    description = "Print every table contract (columns, types, meaning) as Markdown.",
    footer = {"", "Example:", "  ./mmsafety tables-doc > docs/tables.md"})
public final class TablesDocCommand extends CliCommand {
  @Override
  protected int execute() {
    out().print(TableDocs.markdown());
    out().flush();
    return 0;
  }
}
