package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.JudgeSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.exceptions.ConfigException;
import dev.mmsafety.schemas.CasesTable;
import dev.mmsafety.schemas.ProbesTable;
import dev.mmsafety.schemas.ResponsesTable;
import dev.mmsafety.udf.config.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Judges over tables given by path ({@code judge}): responses, and optionally the probes and cases judges take
 * the question, image and context from. Judgments and the judgment cache go under {@code out}.
 *
 * @param judgeNames judges of the config to run; null or empty = all
 * @param probes null = none
 * @param cases null = none
 */
public record StandaloneJudge(Path responses, List<String> judgeNames, Path out, Path probes, Path cases) {

  /** Checks names and paths (before any session starts), then judges. */
  public JudgeResponsesJob.Result run(RunConfig config) {
    select(config.judges(), judgeNames); // unknown names fail before any path is checked
    for (Path p : new Path[] {responses, probes, cases}) {
      if (p != null && !Files.exists(p)) {
        throw new ConfigException("Cannot judge responses: " + p + ": no such file or folder");
      }
    }
    // Helpers served by the simulator (url: simulator) need it running while the judges call them.
    try (SimulatorLauncher simulator = SimulatorLauncher.startIfNeeded(withOutput(config, "judge", out))) {
      RunConfig resolved = simulator.config();
      RunContext context = RunContext.standalone("judge", resolved);
      SparkSession spark = context.spark();
      JudgeResponsesJob job = EvalJobs.get(context).judgeResponses().judges(select(resolved.judges(), judgeNames))
          .input(read(spark, responses));
      Path probesTable = probes != null ? probes : sibling(responses, ProbesTable.INSTANCE.name());
      Path casesTable = cases != null ? cases : sibling(responses, CasesTable.INSTANCE.name());
      if (probesTable != null) {
        job.probes(read(spark, probesTable));
      }
      if (casesTable != null) {
        job.cases(read(spark, casesTable));
      }
      return job.execute();
    }
  }

  /** A judges-only config (no run: section) with {@code out} as its output root. */
  public static RunConfig withOutput(RunConfig config, String name, Path out) {
    RunSpec run = config.run() != null ? config.run() : new RunSpec(name, null, null, null);
    return config.withRun(run.withOutput(out.toAbsolutePath().toString()));
  }

  /**
   * The table {@code name} next to a responses folder of an output root ({@code <root>/responses} ->
   * {@code <root>/cases}), as import-responses and runs write them; null when there is none. This is how imported
   * responses get their question, context and image without naming the cases table.
   */
  static Path sibling(Path responses, String name) {
    Path parent = responses.toAbsolutePath().getParent();
    if (parent == null || !responses.getFileName().toString().equals(ResponsesTable.INSTANCE.name())) {
      return null;
    }
    Path table = parent.resolve(name);
    return Files.isDirectory(table) ? table : null;
  }

  /** The configured judges named (all when no names are given), in the order named. */
  public static List<JudgeSpec> select(List<JudgeSpec> all, List<String> wanted) {
    if (all.isEmpty()) {
      throw new ConfigException("Cannot judge responses: the config has no judges");
    }
    if (wanted == null || wanted.isEmpty()) {
      return all;
    }
    Map<String, JudgeSpec> byName = new LinkedHashMap<>();
    all.forEach(j -> byName.put(j.name(), j));
    LinkedHashSet<JudgeSpec> picked = new LinkedHashSet<>();
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
