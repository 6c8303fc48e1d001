package dev.mmsafety.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmsafety.jobs.testing.SparkTestBase;
import dev.mmsafety.udf.config.SimulatorSpec;
import dev.mmsafety.udf.sim.SimulatedWorker;
import dev.mmsafety.udf.sim.SimProfile;
import dev.mmsafety.udf.sim.SimProfiles;
import dev.mmsafety.udf.sim.SimRequest;
import dev.mmsafety.udf.spark.ModelSqlFunctions;
import dev.mmsafety.udf.spark.SqlCallGuard;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestModelSqlFunctions extends SparkTestBase {

  @Test
  void callsAConfiguredModelFromSql(@TempDir Path dir) throws Exception {
    Path png = InferenceFixtures.png(dir);
    try (SimulatedWorker sim = SimulatedWorker.start(
        new SimulatorSpec(4, 1L, 0L, null, null, null, null, null))) {
      RunContext ctx = InferenceFixtures.resolved(
          context(InferenceFixtures.config("simulator", "window: 4"), dir, "sql"), sim.baseUrl());
      ModelSqlFunctions.register(spark(), ctx.config());
      spark().sql("SELECT * FROM VALUES ('what is this', '" + png.toUri() + "'), ('hello there', NULL),"
          + " ('missing', '" + dir.resolve("nope.png").toUri() + "') AS t(prompt, image)")
          .createOrReplaceTempView("asks");
      List<Row> rows = spark().sql("SELECT prompt, r.text, r.status, r.error, r.attempts FROM ("
          + " SELECT prompt, mllm_generate('sim-model', prompt, image) AS r FROM asks) ORDER BY prompt")
          .collectAsList();
      assertThat(rows).hasSize(3);
      Row hello = rows.get(0);
      assertThat(hello.getString(2)).isEqualTo("ok");
      SimRequest asked = new SimRequest("sim-model", "", "hello there", null, List.of(), 64); // max-tokens: 64
      assertThat(hello.getString(1))
          .isEqualTo(SimProfiles.create(SimProfile.TEXT_ALIGNED.id(), SimulatorSpec.DEFAULT).answer(asked).text());
      Row missing = rows.get(1);
      assertThat(missing.getString(2)).isEqualTo("client_error");
      assertThat(missing.getString(3)).startsWith("Cannot read image").contains("nope.png");
      Row what = rows.get(2);
      assertThat(what.getString(2)).isEqualTo("ok");
      assertThat(what.getInt(4)).isEqualTo(1);
      Row unknown = spark().sql("SELECT mllm_generate('no-such-model', 'x', NULL) AS r").first().getStruct(0);
      assertThat(unknown.getString(2)).isEqualTo("Cannot call model no-such-model: not in the config's models");
      assertThat(sim.counters().calls()).isEqualTo(2);
      // a guard stops calls past its cap with a row that says so
      SqlCallGuard guard = new SqlCallGuard(1, spark().sparkContext().longAccumulator());
      ModelSqlFunctions.register(spark(), ctx.config(), guard);
      List<Row> guarded = spark().sql("SELECT r.status, r.error FROM (SELECT mllm_generate('sim-model', prompt, NULL)"
          + " AS r FROM VALUES ('one'), ('two') AS t(prompt))").collectAsList();
      guard.release();
      assertThat(guarded).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("ok", "budget_exhausted");
      assertThat(guarded).extracting(r -> r.getString(1)).contains(
          "Cannot call model sim-model: --max-calls 1 reached for this query");
      assertThat(sim.counters().calls()).isEqualTo(3);
    }
  }
}
