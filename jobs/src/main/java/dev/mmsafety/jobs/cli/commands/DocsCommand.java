package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.cli.PrefixedErrorsCommand;
import dev.mmsafety.udf.docs.ComponentDocs;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Rewrites the generated tables of the docs (attacks, judges, defenses, benchmark options) from the code. */
@Command(name = "docs",
    description = "Rewrite the generated tables in docs/ (attacks, judges, defenses, loader options) from the code.",
    footer = {"", "Example:", "  ./mmsafety docs            # or --check to only report stale files (exit 1)"})
public final class DocsCommand extends PrefixedErrorsCommand {
  @Option(names = "--dir", defaultValue = "docs", description = "The docs folder (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--check", description = "Change nothing; exit 1 if a generated table is stale.")
  boolean check;

  @Override
  protected int execute() throws IOException {
    PrintWriter out = out();
    int stale = 0;
    for (Map.Entry<String, List<String>> file : new TreeMap<>(ComponentDocs.FILES).entrySet()) {
      Path doc = dir.resolve(file.getKey());
      if (!Files.isRegularFile(doc)) {
        throw new ConfigException("Cannot update docs: " + doc + ": no such file");
      }
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      String fresh = ComponentDocs.rewrite(text);
      if (fresh.equals(text)) {
        out.println(doc + ": up to date");
        continue;
      }
      stale++;
      if (!check) {
        Files.writeString(doc, fresh, StandardCharsets.UTF_8);
      }
      out.println(doc + (check ? ": stale" : ": rewritten"));
    }
    out.flush();
    return check && stale > 0 ? 1 : 0;
  }
}
