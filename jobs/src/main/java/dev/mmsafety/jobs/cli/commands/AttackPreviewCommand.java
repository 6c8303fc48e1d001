package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.SearchPreview;
import dev.mmsafety.jobs.StandalonePreview;
import dev.mmsafety.jobs.cli.CliCommand;
import dev.mmsafety.udf.attack.AttackPreview;
import dev.mmsafety.udf.attack.adaptive.AdaptiveAttacks;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.RunSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code attack preview}: one attack on a few cases, written as files named by case id. */
@Command(name = "preview",
    description = "Write the attacked images and prompt texts of a few cases as files, to look at before any model runs.",
    footer = {
      "",
      "Example:",
      "  ./mmsafety attack preview --benchmark xstest \\",
      "      --path deploy/examples/datasets/xstest-sample \\",
      "      --attack figstep --out /tmp/preview --limit 5",
      "  ./mmsafety attack preview --cases mmsafety-out/cases --attack figstep \\",
      "      --out /tmp/preview --limit 5",
      "  ./mmsafety attack preview --cases mmsafety-out/cases --attack perturb \\",
      "      --param kind=blur --param radius=3 --out /tmp/p",
      "  ./mmsafety attack preview --cases mmsafety-out/cases --attack pair \\",
      "      --param carrier=mm-typo --out /tmp/pair   (one case's search, simulated models)"
    })
public final class AttackPreviewCommand extends CliCommand {
  @Option(names = "--benchmark", description = "Benchmark format to load from --path (ingested into OUT/_ingest).")
  String benchmark;

  @Option(names = "--path", description = "Dataset root for --benchmark.")
  String path;

  @Option(names = "--cases", description = "A cases table (Parquet folder) to take the cases from.")
  String cases;

  @Option(names = "--attack", required = true, description = "Attack name (docs/attacks.md).")
  String attack;

  @Option(names = "--param", description = "Attack parameter key=value; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--variant", description = "Variant to preview; repeatable (default: those the attack takes in a run).")
  java.util.List<String> variants = new java.util.ArrayList<>();

  @Option(names = "--out", required = true, description = "Folder for the preview files.")
  Path out;

  @Option(names = "--limit", defaultValue = "10", description = "Cases to preview (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--seed", description = "Run seed the probe seeds derive from (default: the run default).")
  Long seed;

  @Override
  protected int execute() throws Exception {
    AttackSpec attackSpec = new AttackSpec(attack, null, null, Map.copyOf(params), null, variants);
    long runSeed = seed == null ? RunSpec.SEED_DEFAULT : seed;
    StandalonePreview preview = new StandalonePreview(attackSpec, benchmark, path, cases, limit, runSeed, out);
    if (AdaptiveAttacks.isAdaptive(attack)) {
      SearchPreview.Summary s = preview.runSearch();
      out().printf("Ran the %s search of case %s against the simulator: %d node(s), stop %s,"
          + " %d carrier image(s), each matching its carrier_sha256; wrote %d file(s) to %s%n",
          attack, s.caseId(), s.nodes(), s.stopReason(), s.images(), s.files().size(), out);
      return 0;
    }
    AttackPreview.Summary s = preview.run();
    out().printf(
        "Wrote %d probe(s) and %d reject(s) of attack %s to %s (%d files)%n",
        s.probes(), s.rejects(), attack, out, s.files().size());
    return 0;
  }
}
