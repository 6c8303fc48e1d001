package dev.mmsafety.jobs.cli.commands;

import dev.mmsafety.jobs.EvalJobs;
import dev.mmsafety.jobs.JudgeResponsesJob;
import dev.mmsafety.jobs.RunContext;
import dev.mmsafety.jobs.SparkSessions;
import dev.mmsafety.udf.config.ConfigLoader;
import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code judge}: runs judges over any responses table (generated or imported) into judgments under --out. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = "Run judges over a responses table; verdicts of LLM/guard judges are cached under OUT/cache/judgments.",
    footer = "%nExample:%n  ./mmsafety judge --responses out/responses --config eval.yaml --judges advbench,clf --out out")
public final class JudgeCommand implements Callable<Integer> {
  @Option(names = "--responses", required = true, description = "Responses table (Parquet path or folder).")
  Path responses;

  @Option(names = "--config", required = true, description = "Run config YAML with the judges.")
  Path config;

  @Option(names = "--judges", split = ",", description = "Judge names from the config to run (default: all).")
  List<String> names;

  @Option(names = "--out", required = true, description = "Output root for judgments and the judgment cache.")
  Path out;

  @Option(names = "--probes", description = "Probes table, for judges that need the question or image.")
  Path probes;

  @Option(names = "--cases", description = "Cases table, for judges that need context (image descriptions).")
  Path cases;

  @Override
  public Integer call() {
    RunConfig cfg;
    List<JudgeSpec> specs;
    try {
      cfg = ConfigLoader.load(config);
      specs = select(cfg.judges(), names);
      for (Path p : new Path[] {responses, probes, cases}) {
        if (p != null && !Files.exists(p)) {
          throw new ConfigException("Cannot judge responses: " + p + ": no such file or folder");
        }
      }
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    SparkSession spark = SparkSessions.getOrCreate(cfg.spark(), "mmsafety-judge");
    String runDate = cfg.run().runDate() != null ? cfg.run().runDate() : LocalDate.now(ZoneOffset.UTC).toString();
    RunContext context = new RunContext(spark, cfg, "judge-" + UUID.randomUUID(), runDate,
        out.toAbsolutePath().toString(), cfg.run().seed());
    try {
      JudgeResponsesJob job = EvalJobs.get(context).judgeResponses().judges(specs).input(read(spark, responses));
      if (probes != null) {
        job.probes(read(spark, probes));
      }
      if (cases != null) {
        job.cases(read(spark, cases));
      }
      JudgeResponsesJob.Result result = job.execute();
      result.summaryLines().forEach(System.out::println);
      return 0;
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
  }

  static List<JudgeSpec> select(List<JudgeSpec> all, List<String> wanted) {
    if (all.isEmpty()) {
      throw new ConfigException("Cannot judge responses: the config has no judges");
    }
    if (wanted == null || wanted.isEmpty()) {
      return all;
    }
    Map<String, JudgeSpec> byName = new java.util.LinkedHashMap<>();
    all.forEach(j -> byName.put(j.name(), j));
    java.util.LinkedHashSet<JudgeSpec> picked = new java.util.LinkedHashSet<>();
    for (String name : wanted) {
      JudgeSpec spec = byName.get(name.strip());
      if (spec == null) {
        throw new ConfigException("Cannot judge responses: " + name + ": no judge of that name in the config "
            + byName.keySet());
      }
      picked.add(spec);
    }
    // A cascade needs its stages' specs to be resolvable, though only the named judges produce rows.
    return List.copyOf(picked);
  }

  private static Dataset<Row> read(SparkSession spark, Path path) {
    return spark.read().parquet(path.toAbsolutePath().toString());
  }
}
