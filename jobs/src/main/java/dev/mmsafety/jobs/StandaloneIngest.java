package dev.mmsafety.jobs;

import dev.mmsafety.udf.config.DatasetSpec;
import dev.mmsafety.udf.config.RunConfig;
import dev.mmsafety.udf.config.RunSpec;
import dev.mmsafety.udf.config.SparkSpec;
import java.util.List;

/** One dataset's ingest on its own ({@code ingest}, {@code attack preview}, {@code bench ingest}). */
public final class StandaloneIngest {
  private StandaloneIngest() {}

  /** Ingests {@code dataset} under {@code out} in a session built for the purpose (reused when one is active). */
  public static IngestCasesJob.Result run(DatasetSpec dataset, String out, int partitions, String runDate) {
    RunConfig config =
        RunConfig.of(new RunSpec("ingest", out, runDate, null))
            .withSpark(SparkSpec.DEFAULT.withPartitions(partitions))
            .withDatasets(List.of(dataset));
    return EvalJobs.get(RunContext.standalone("ingest", config)).ingestCases().execute();
  }
}
