package dev.mmsafety.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.cli.EvalCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every file the docs, the README, the deploy files or a command's {@code --help} name inside the repository
 * exists, and every {@code --config} file a help text names is one (cluster paths under /etc/mmsafety excepted:
 * the ConfigMap provides them). The example configs themselves are run by TestExampleConfigs and TestS3Examples.
 */
class TestExampleFiles {
  private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
  private static final Pattern REPO_PATH =
      Pattern.compile("(?<![\\w/.$-])((?:deploy|docs|jobs|udf|schemas)/[\\w./-]*\\w)");
  private static final Pattern CONFIG_ARG = Pattern.compile("--config\\s+([\\w./-]*\\w)");

  @Test
  void everyRepositoryPathNamedInDocsAndDeployFilesExists() throws IOException {
    List<Path> texts = new ArrayList<>(List.of(REPO.resolve("README.md")));
    try (Stream<Path> docs = Files.list(REPO.resolve("docs")); Stream<Path> deploy = Files.walk(REPO.resolve("deploy"))) {
      docs.filter(p -> p.toString().endsWith(".md")).forEach(texts::add);
      deploy.filter(Files::isRegularFile)
          .filter(p -> p.toString().matches(".*\\.(md|yaml|yml|conf|sh|py|crontab|properties)$"))
          .forEach(texts::add);
    }
    Map<String, String> missing = new TreeMap<>();
    for (Path text : texts) {
      missingPaths(Files.readString(text)).forEach(p -> missing.put(p, REPO.relativize(text).toString()));
    }
    assertThat(texts).hasSizeGreaterThan(20);
    assertThat(missing).as("paths named but absent (path -> where)").isEmpty();
  }

  @Test
  void everyFileAHelpTextNamesExists() {
    Map<String, String> missing = new TreeMap<>();
    List<String> configs = new ArrayList<>();
    for (CommandLine command : all(new CommandLine(new EvalCli()))) {
      String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
      missingPaths(help).forEach(p -> missing.put(p, command.getCommandName()));
      Matcher m = CONFIG_ARG.matcher(help);
      while (m.find()) {
        String file = m.group(1);
        configs.add(file);
        if (!file.startsWith("/etc/mmsafety/") && !Files.isRegularFile(REPO.resolve(file))) {
          missing.put(file, command.getCommandName());
        }
      }
    }
    assertThat(configs).contains("deploy/examples/run-local.yaml");
    assertThat(missing).as("files named in --help but absent (file -> command)").isEmpty();
  }

  @Test
  void everyHelpTextRendersWithoutFormatWarnings() {
    // picocli formats descriptions with String.format: an unescaped % prints a warning and the raw text
    java.io.PrintStream err = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> warned = new TreeMap<>();
    try {
      for (CommandLine command : all(new CommandLine(new EvalCli()))) {
        captured.reset();
        command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String out = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (out.contains("picocli WARN")) {
          warned.put(command.getCommandSpec().qualifiedName(), out.strip());
        }
      }
    } finally {
      System.setErr(err);
    }
    assertThat(warned).as("commands whose --help prints a picocli warning").isEmpty();
  }

  private static List<String> missingPaths(String text) {
    List<String> missing = new ArrayList<>();
    Matcher m = REPO_PATH.matcher(text);
    while (m.find()) {
      String path = m.group(1);
      // Build outputs (jobs/target/...) exist only after a build.
      if (!path.contains("/target/") && !Files.exists(REPO.resolve(path))) {
        missing.add(path);
      }
    }
    return missing;
  }

  private static List<CommandLine> all(CommandLine root) {
    List<CommandLine> out = new ArrayList<>(List.of(root));
    root.getSubcommands().values().forEach(c -> out.addAll(all(c)));
    return out;
  }
}
