package dev.mmsafety.jobs.cluster;

import static dev.mmsafety.schemas.SharedColumns.*;

import dev.mmsafety.schemas.ResponsesTable;
import org.apache.spark.sql.Row;

/** Made-up but contract-complete rows of the responses table, for infrastructure tests (cluster, S3). */
public final class ResponseRows {
  private ResponseRows() {}

  /** One ok response for {@code probeId} from {@code model}, answer {@code text}, made in {@code attempts} calls. */
  public static Row ok(String runId, String runDate, String model, String probeId, String text, int attempts) {
    return ResponsesTable.INSTANCE
        .newRow()
        .set(RUN_ID, runId)
        .set(RUN_DATE, runDate)
        .set(MODEL, model)
        .set(RESPONSE_ID, "r-" + model + "-" + probeId)
        .set(PROBE_ID, probeId)
        .set(CASE_ID, "generic:default:" + probeId)
        .set(BENCHMARK, "generic")
        .set(DATASET, "infra-test")
        .set(VARIANT, "infra")
        .set(CANONICAL_CATEGORY, "other")
        .set(POLARITY, "benign")
        .set(ATTACK, "none")
        .set(DEFENSE, "none")
        .set(ResponsesTable.DEFENSE_VERSION, "1")
        .set(ResponsesTable.DEFENSE_PARAMS, "{}")
        .set(ResponsesTable.MODEL_ID, model)
        .set(SIMULATOR, Boolean.TRUE)
        .set(ResponsesTable.GEN_PARAMS, "{}")
        .set(ResponsesTable.REQUEST_ID, "q-" + model + "-" + probeId)
        .set(STATUS, "ok")
        .set(ResponsesTable.TEXT, text)
        .set(ResponsesTable.ATTEMPTS, attempts)
        .set(ResponsesTable.CACHE_HIT, attempts == 0)
        .set(ResponsesTable.SOURCE, "generated")
        .build();
  }
}
