package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.udf.attack.AttackPreview;
import dev.mmsafety.udf.attack.CaseView;
import dev.mmsafety.udf.image.HadoopImageLoader;
import dev.mmsafety.udf.config.AttackSpec;
import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.config.SparkSpec;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.udf.spark.AttackRows;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code attack preview}: one attack on a few cases, written as files named by case id. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = "Write the attacked images and prompt texts of a few cases as files, to look at before any model runs.",
    footer = {
      "",
      "Example:",
      "  ./mmsafety attack preview --benchmark figstep --path data/FigStep --attack figstep --out /tmp/preview --limit 5",
      "  ./mmsafety attack preview --cases out/cases --attack figstep --out /tmp/preview --limit 5",
      "  ./mmsafety attack preview --cases out/cases --attack perturb --param kind=blur --param radius=3 --out /tmp/p"
    })
public final class AttackPreviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Option(names = "--out", required = true, description = "Folder for the preview files.")
  Path out;

  @Option(names = "--limit", defaultValue = "10", description = "Cases to preview (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--seed", description = "Run seed the probe seeds derive from (default: the run default).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    try {
      if (cases == null && (benchmark == null || path == null)) {
        throw new ConfigException(
            "Cannot preview attack " + attack + ": give --benchmark NAME --path ROOT, or --cases PARQUET_DIR");
      }
      if (cases == null) {
        // Ingest the benchmark into a scratch output root beside the preview, then preview its cases.
        String scratch = out.toAbsolutePath().resolve("_ingest").toString();
        IngestCommand.run(
            new DatasetSpec(null, benchmark, path, limit, Map.of()), scratch, SparkSpec.PARTITIONS_DEFAULT, null);
        cases = scratch + "/cases";
      }
      if (limit < 1) {
        throw new ConfigException("Cannot preview attack " + attack + ": --limit " + limit + " is not positive");
      }
      AttackSpec attackSpec = new AttackSpec(attack, null, null, Map.copyOf(params), null);
      SparkSession spark = SparkSessions.getOrCreate(SparkSpec.DEFAULT, "mmsafety-attack-preview");
      List<CaseView> views;
      try {
        views = spark.read().parquet(cases).limit(limit).collectAsList().stream().map(AttackRows::caseView).toList();
      } catch (Exception e) {
        // Spark raises AnalysisException (undeclared) for a missing path or a non-Parquet folder.
        if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
          throw e;
        }
        throw new ConfigException("Cannot read cases " + cases + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
      AttackPreview.Summary s =
          AttackPreview.write(
              views, attackSpec, seed == null ? RunSpec.SEED_DEFAULT : seed,
              HadoopImageLoader.of(spark), out);
      spec.commandLine().getOut().printf(
          "Wrote %d probe(s) and %d reject(s) of attack %s to %s (%d files)%n",
          s.probes(), s.rejects(), attack, out, s.files().size());
      return 0;
    } catch (ConfigException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
  }
}
